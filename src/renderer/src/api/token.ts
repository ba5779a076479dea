/**
 * The token comes from the URL the server printed; it is moved out of the address bar (and kept
 * for reloads of this tab) so it is not shared by accident in a screenshot or a copied link.
 */
const TOKEN_KEY = 'dyno.token';

export function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The API's WebSocket address on the server this page came from. */
export function apiUrl(token: string): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api?token=${encodeURIComponent(token)}`;
}
