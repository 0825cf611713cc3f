// Starts Swagger UI on the document served next to this page. Everything
// the page loads comes from its own server: the Content-Security-Policy
// forbids anything else, and the validator badge (which would call a
// public service) is off.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
