// Type declaration for the untyped `unbzip2-stream` package (a streaming bzip2 decoder).
declare module "unbzip2-stream" {
  import type { Transform } from "node:stream";
  function unbzip2Stream(): Transform;
  export = unbzip2Stream;
}
