/** Reconstructs the URL Twilio signed: PUBLIC_URL when set (with the request's path unless it already ends with it), else the request's own URL. */
export function signedUrl(requestUrl: string, publicUrl: string | undefined): string {
  if (publicUrl === undefined) return requestUrl;
  const request = new URL(requestUrl);
  const base = new URL(publicUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  // PUBLIC_URL may be the bare tunnel address or the full webhook address; both are common in set-up guides.
  const path = basePath.endsWith(request.pathname) ? basePath : basePath + request.pathname;
  return `${base.origin}${path}${request.search}`;
}
