// Public face of the network layer: travel matrices between sites.
export { greatCircleMatrix, haversineKm } from "./great-circle.js";
