// Public face of the domain: schemas, inferred types, error codes, scenario parsing.
export * from "./common.js";
export * from "./errors.js";
export * from "./materials.js";
export * from "./processing.js";
export * from "./sites.js";
export * from "./channels.js";
export * from "./fleet.js";
export * from "./scenario.js";
export * from "./matrix.js";
export * from "./routing.js";
export * from "./plan.js";
export * from "./validate.js";
export * from "./supply.js";
export * from "./solve-settings.js";
export * from "./service-area.js";
export * from "./limits.js";
export * from "./sane-numbers.js";
