// The calibration workload timed as if it were a case: its ratio should be 1.0, and its spread
// across runs is the harness's own noise floor, printed beside every other figure.
import { type CalibrationFixture, makeCalibrationFixture, runCalibration } from "../harness/calibration.js";
import { type BenchSuite, speedCase } from "../harness/types.js";

export const harnessSuite: BenchSuite = {
  name: "harness",
  cases: [
    speedCase<CalibrationFixture>({
      name: "calibration-self",
      description: "the calibration workload against itself (expected ratio 1.0: the noise floor)",
      setup: () => makeCalibrationFixture(),
      run: (fixture) => runCalibration(fixture),
    }),
  ],
};
