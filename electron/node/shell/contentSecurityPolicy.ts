// One Content-Security-Policy for the desktop window and the browser shell.
// style-src needs 'unsafe-inline' because Fluent UI (Griffel) inserts its CSS rules at run time;
// 'self' in connect-src also covers the shell's same-origin WebSocket (CSP Level 3).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
