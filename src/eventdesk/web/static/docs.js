// The API documentation at /docs: Swagger UI (vendored, see /vendor/swagger-ui/VERSION) on /openapi.json.
window.addEventListener("DOMContentLoaded", function () {
  window.SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui"});
});
