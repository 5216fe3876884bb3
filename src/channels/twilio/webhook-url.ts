/** What the URL Twilio signed is rebuilt from. */
export interface UrlSources {
  /** The URL as this server received it (Koa's `ctx.href` without proxy trust). */
  readonly requestUrl: string;
  /** PUBLIC_URL, when set: it wins over everything else. */
  readonly publicUrl: string | undefined;
  /** TRUST_PROXY: take scheme and host from X-Forwarded-Proto / X-Forwarded-Host. */
  readonly trustProxy: boolean;
  /** The X-Forwarded-Proto header, '' when absent. */
  readonly forwardedProto: string;
  /** The X-Forwarded-Host header, '' when absent. */
  readonly forwardedHost: string;
  /** PUBLIC_HOSTS: when not empty, the only hosts (lower-case, `:port` when not the default) a URL may be rebuilt with. */
  readonly allowedHosts: readonly string[];
}

/** Reconstructs the URL Twilio signed: PUBLIC_URL when set (with the request's path unless it already ends with it), else the request's own URL. */
export function signedUrl(requestUrl: string, publicUrl: string | undefined): string {
  if (publicUrl === undefined) return requestUrl;
  // Twilio calls one address, so nearly every request repeats the last one: the answer is a function of the two texts.
  if (lastSigned?.requestUrl === requestUrl && lastSigned.publicUrl === publicUrl) return lastSigned.url;
  const request = new URL(requestUrl);
  const { origin, basePath } = publicBase(publicUrl);
  // PUBLIC_URL may be the bare tunnel address or the full webhook address; both are common in set-up guides.
  const path = basePath.endsWith(request.pathname) ? basePath : basePath + request.pathname;
  const url = `${origin}${path}${request.search}`;
  lastSigned = { requestUrl, publicUrl, url };
  return url;
}

/** The last URL signedUrl rebuilt, and from what. */
let lastSigned: { readonly requestUrl: string; readonly publicUrl: string; readonly url: string } | undefined;

/** PUBLIC_URL parsed, kept for the next request: it is one setting for the life of the process, parsed on every request otherwise. */
let lastBase: { readonly publicUrl: string; readonly origin: string; readonly basePath: string } | undefined;

function publicBase(publicUrl: string): { readonly origin: string; readonly basePath: string } {
  // Stryker disable next-line ConditionalExpression: parsing PUBLIC_URL again on every call gives the same origin and path; only the cost differs.
  if (lastBase?.publicUrl !== publicUrl) {
    const base = new URL(publicUrl);
    lastBase = { publicUrl, origin: base.origin, basePath: base.pathname.replace(/\/+$/, '') };
  }
  return lastBase;
}

/** The port a scheme implies, which URL leaves out of `host`. */
const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

/** Whether PUBLIC_HOSTS lists the origin's host, also when an operator wrote the scheme's default port (`bot.example.com:443`). */
function isAllowedHost(origin: URL, allowedHosts: readonly string[]): boolean {
  if (allowedHosts.includes(origin.host)) return true;
  const implied = DEFAULT_PORTS[origin.protocol];
  return origin.port === '' && implied !== undefined && allowedHosts.includes(`${origin.hostname}:${implied}`);
}

/** The first value of a comma-separated forwarded header: the one the outermost proxy set. */
function firstValue(header: string): string {
  // Stryker disable next-line OptionalChaining,StringLiteral: split always returns at least one element, so `?.` and `?? ''` never act.
  return header.split(',')[0]?.trim() ?? '';
}

/**
 * The URL to check a signature against, or null when the request's own address is unusable (a garbage Host header)
 * or names a host outside `allowedHosts`. Without PUBLIC_URL the client chooses the host (Host, X-Forwarded-Host or an
 * absolute request target), so a signature made for another webhook of the same account would otherwise pass.
 */
export function webhookUrl({ requestUrl, publicUrl, trustProxy, forwardedProto, forwardedHost, allowedHosts }: UrlSources): string | null {
  try {
    if (publicUrl !== undefined) return signedUrl(requestUrl, publicUrl);
    const url = new URL(requestUrl);
    let origin = new URL(url.origin);
    if (trustProxy) {
      const proto = firstValue(forwardedProto).toLowerCase();
      const host = firstValue(forwardedHost);
      const protocol = proto === 'http' || proto === 'https' ? `${proto}:` : url.protocol;
      // Parsed through URL so that a host with a path or user part in it is rejected rather than signed as given.
      origin = new URL(`${protocol}//${host === '' ? url.host : host}`);
      if (origin.pathname !== '/' || origin.username !== '' || origin.search !== '' || origin.hash !== '') return null;
    }
    if (allowedHosts.length > 0 && !isAllowedHost(origin, allowedHosts)) return null;
    return `${origin.origin}${url.pathname}${url.search}`;
  } catch {
    return null;
  }
}
