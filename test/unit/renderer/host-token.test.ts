// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { httpTransport, takeHostToken } from '../../../src-renderer/api/client.js';

afterEach(() => {
  window.sessionStorage.clear();
  vi.unstubAllGlobals();
});

describe('web host token in the page', () => {
  it('takes the token from the fragment, keeps it for this tab only and clears it from the address bar', () => {
    window.history.replaceState(null, '', '/app/#token=abc_DEF-123');
    expect(takeHostToken()).toBe('abc_DEF-123');
    expect(window.location.hash).toBe('');
    expect(window.location.pathname).toBe('/app/');
    expect(document.cookie).toBe('');
    // A reload (fragment gone) still finds it.
    expect(takeHostToken()).toBe('abc_DEF-123');
  });

  it('ignores a fragment that is a route, not a token', () => {
    window.history.replaceState(null, '', '/app/#/sesiones/01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(takeHostToken()).toBeNull();
    expect(window.location.hash).toBe('#/sesiones/01ARZ3NDEKTSV4RRFFQ69G5FAV');
  });

  it('sends the token as a Bearer header, without cookies', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: 1 })));
    vi.stubGlobal('fetch', fetch);
    expect(await httpTransport('', 'tok')('app.info', {})).toEqual({ ok: true, value: 1 });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/app.info');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer tok' });
    expect(init.credentials).toBe('omit');
  });
});
