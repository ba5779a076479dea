/**
 * The studio's Content Security Policy, one string for both shells: Electron sets it on every
 * response and `dyno serve` sends it with every file. No remote code, no inline scripts.
 * plotly needs inline styles ('unsafe-inline' for style only) and blob: workers/images for export.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
