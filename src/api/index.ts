// Public face of the HTTP service: the app factory and the listener.
export { buildApp, type AppOptions } from "./app.js";
export { startServer, type ListenOptions } from "./server.js";
export { HTTP_ERROR_CODES, toErrorResponse } from "./error-handler.js";
