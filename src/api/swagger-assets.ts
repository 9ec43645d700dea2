/**
 * Swagger UI served from the binary: the swagger-ui-dist bundle and stylesheet are embedded as
 * file assets (`with { type: "file" }`, bundled by `bun build --compile`), so /swagger works
 * with no network at all. The page is ours: it loads the spec from /swagger/json.
 */
// @ts-expect-error: asset import (a path string at run time), not a module with types
import bundlePath from "swagger-ui-dist/swagger-ui-bundle.js" with { type: "file" };
// @ts-expect-error: asset import (a path string at run time), not a module with types
import cssPath from "swagger-ui-dist/swagger-ui.css" with { type: "file" };

export const SWAGGER_ASSETS: Readonly<Record<string, { readonly path: string; readonly type: string }>> = {
  "swagger-ui-bundle.js": { path: bundlePath as string, type: "application/javascript; charset=utf-8" },
  "swagger-ui.css": { path: cssPath as string, type: "text/css; charset=utf-8" },
};

export function swaggerPage(title: string, specUrl: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>${escapeHtml(title)}</title>
  <link rel="stylesheet" href="/swagger/assets/swagger-ui.css" />
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/swagger/assets/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({
      url: ${JSON.stringify(specUrl)},
      dom_id: "#swagger-ui",
      deepLinking: true,
      persistAuthorization: true,
      displayRequestDuration: true,
      tryItOutEnabled: false
    });
  </script>
</body>
</html>
`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}
