// The headers every page is served with: proxy.ts sets these per request; next.config.js adds the
// fixed ones (nosniff, Referrer-Policy, X-Frame-Options, Permissions-Policy) to every response,
// static files included. Pure: proxy.ts and the unit test share it.
//
// Content-Security-Policy, the way Next 16 documents it: a fresh nonce per request in
// `script-src` with 'strict-dynamic' (Next reads the nonce from the request's CSP header and puts
// it on its own scripts; scripts those load are trusted through 'strict-dynamic'), which needs
// dynamic rendering (the root layout awaits connection()). No 'unsafe-inline' or 'unsafe-eval' for
// scripts in production ('unsafe-eval' only in `next dev`, for React's debugging).
// style-src allows 'unsafe-inline': CodeMirror (the YAML editor) injects <style> elements at run
// time and React renders style="" attributes; neither can carry a nonce. Styles cannot run code,
// and everything else stays 'self'.

export type SecurityHeaderOptions = {
  nonce: string;
  /** The request reached Berth over https (AUTH_URL is https, or the proxy in front said so). */
  https: boolean;
  /** `next dev` (React needs eval for its debugging). */
  dev?: boolean;
  /** Origins a form may post to or be redirected to besides 'self' (the OpenID provider). */
  formActions?: string[];
};

export function contentSecurityPolicy(o: SecurityHeaderOptions): string {
  const directives: Array<[string, ...string[]]> = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${o.nonce}'`, "'strict-dynamic'", ...(o.dev ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'", ...(o.formActions ?? [])],
    ["frame-ancestors", "'none'"],
  ];
  if (o.https) directives.push(["upgrade-insecure-requests"]);
  return directives.map((d) => d.join(" ")).join("; ");
}

/** Headers for one page response (besides the CSP). */
export function pageSecurityHeaders(o: { https: boolean }): Record<string, string> {
  // Two years, as the HSTS preload list asks; sent only over https (browsers ignore it on http).
  return o.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {};
}

/**
 * Whether a request reached Berth over https: AUTH_URL says so (the operator's public URL), the
 * request URL is https, or the reverse proxy in front said so with X-Forwarded-Proto. A client
 * forging that header over plain http only changes its own response (browsers ignore HSTS on http).
 */
export function servedOverHttps(o: { authUrl?: string; requestProtocol: string; forwardedProto?: string | null }): boolean {
  if (o.authUrl) return o.authUrl.startsWith("https:");
  if (o.requestProtocol === "https:") return true;
  return (o.forwardedProto ?? "").split(",")[0].trim().toLowerCase() === "https";
}

/** A nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
