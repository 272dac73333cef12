// Public face of the network layer: travel matrices between sites, and leg geometry.
export { greatCircleMatrix, haversineKm } from "./great-circle.js";
export { computeTravel, type TravelRequest, type TravelResult, type TravelSite } from "./travel.js";
