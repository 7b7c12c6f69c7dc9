import type { CDPSession } from 'playwright-core';

/** One finger stroke on a touchscreen through Chromium's DevTools protocol: down, every move, up. */
export async function touchStroke(cdp: CDPSession, points: [number, number][]): Promise<void> {
  const [first, ...rest] = points;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: first![0], y: first![1], id: 1, force: 0.6 }] });
  for (const [x, y] of rest) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y, id: 1, force: 0.6 }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}
