/** `import path from "x.so" with { type: "file" }` yields the path of the embedded file. */
declare module "*.so" {
  const path: string;
  export default path;
}
