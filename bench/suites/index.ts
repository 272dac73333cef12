// Every benchmark suite, in the order they run. A new suite is a module plus one line here.
import type { BenchSuite } from "../harness/types.js";
import { domainSuite } from "./domain.js";
import { harnessSuite } from "./harness.js";
import { networkSuite } from "./network.js";
import { sitingSuite } from "./siting.js";
import { vrpSuite } from "./vrp.js";

export const SUITES: BenchSuite[] = [harnessSuite, domainSuite, networkSuite, vrpSuite, sitingSuite];
