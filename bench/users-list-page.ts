/**
 * What the users-list benchmark measures inside the page. The page-side code is plain JavaScript in a string,
 * installed once per page load through page.evaluate: functions handed to page.evaluate from a tsx-run file can carry the loader's
 * helper calls, which do not exist in the page. Times are performance.now() milliseconds.
 */
import type { Page } from '@playwright/test';

/** The store's mark when a user list arrives (src-renderer/stores/mailboxes-store.ts, USERS_ARRIVED_MARK). */
export const ARRIVED_MARK = 'boxfleet:mail-users-arrived';

const PAGE_SCRIPT = `
(() => {
  // Resolves after the next frame's paint: a task posted from an animation-frame callback runs after that frame.
  const afterFrame = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      }),
    );
  const userRows = () => document.querySelectorAll('[data-row-key^="user "]').length;
  window.benchUsers = {
    firstRender(hash, mark) {
      return new Promise((resolve, reject) => {
        performance.clearMarks(mark);
        const timer = setTimeout(() => reject(new Error('no user rows within 120 s')), 120000);
        let opened = 0;
        const observer = new MutationObserver(() => {
          if (userRows() === 0) return;
          const rows = performance.now();
          observer.disconnect();
          afterFrame().then((frame) => {
            clearTimeout(timer);
            const arrived = performance.getEntriesByName(mark).at(-1)?.startTime ?? NaN;
            resolve({
              openToRowsMs: rows - opened,
              arrivedToRowsMs: rows - arrived,
              arrivedToFrameMs: frame - arrived,
              rowsInDocument: userRows(),
            });
          });
        });
        observer.observe(document.body, { childList: true, subtree: true });
        opened = performance.now();
        location.hash = hash;
      });
    },
    arm() {
      const input = document.getElementById('mail-users-filter');
      const list = document.querySelector('.mailboxes');
      if (!input || !list) throw new Error('the users page is not open');
      window.benchKeystroke = new Promise((resolve) => {
        let start = NaN;
        let changed = false;
        input.addEventListener(
          'keydown',
          (event) => {
            start = event.timeStamp;
            // A key that changes nothing on screen (the same rows match) has nothing to time.
            afterFrame().then(() => {
              if (!changed) {
                observer.disconnect();
                resolve({ changed: false, toCommitMs: NaN, toFrameMs: NaN, rowsInDocument: userRows() });
              }
            });
          },
          { once: true, capture: true },
        );
        const observer = new MutationObserver(() => {
          const commit = performance.now();
          changed = true;
          observer.disconnect();
          afterFrame().then((frame) =>
            resolve({ changed: true, toCommitMs: commit - start, toFrameMs: frame - start, rowsInDocument: userRows() }),
          );
        });
        observer.observe(list, { childList: true, subtree: true, characterData: true, attributes: true });
      });
    },
    plainTable(count) {
      const rows = [];
      for (let i = 0; i < count; i += 1) {
        rows.push('<tr><th>user' + i + '@bulk.example.org</th><td>Active</td><td>2 GB</td><td>1.5M</td><td>0%</td><td>None</td></tr>');
      }
      const holder = document.createElement('div');
      holder.style.cssText = 'position:absolute;left:0;top:0;width:1200px;visibility:hidden';
      const start = performance.now();
      holder.innerHTML = '<table><tbody>' + rows.join('') + '</tbody></table>';
      document.body.append(holder);
      return afterFrame().then((frame) => {
        holder.remove();
        return frame - start;
      });
    },
    frameInterval() {
      return new Promise((resolve) => {
        const stamps = [];
        const tick = (time) => {
          stamps.push(time);
          if (stamps.length < 61) return requestAnimationFrame(tick);
          const gaps = stamps.slice(1).map((t, i) => t - stamps[i]).sort((a, b) => a - b);
          resolve(gaps[Math.floor(gaps.length / 2)]);
        };
        requestAnimationFrame(tick);
      });
    },
  };
})();
`;

export interface FirstRender {
  /** From opening the section (hash change) to the first user row in the document: includes the SSH fetch. */
  readonly openToRowsMs: number;
  /** From the list's arrival in the renderer to the first user row in the document (React's commit). */
  readonly arrivedToRowsMs: number;
  /** The same to the end of the next frame (layout and paint of that commit). */
  readonly arrivedToFrameMs: number;
  /** User rows in the document: the virtualized window, not 10,000. */
  readonly rowsInDocument: number;
}

export interface Keystroke {
  /** The list on screen changed; when false the times are NaN. */
  readonly changed: boolean;
  /** From the keydown event's time stamp to the list's DOM update (React's commit). */
  readonly toCommitMs: number;
  /** The same to the end of the next frame, i.e. when the updated list is on screen. */
  readonly toFrameMs: number;
  readonly rowsInDocument: number;
}

/** Puts the measuring functions into the page (again after every reload). */
export async function installProbe(page: Page): Promise<void> {
  // Through the debugging protocol: the page's Content Security Policy rightly refuses an inline script tag.
  await page.evaluate(PAGE_SCRIPT);
}

/** Opens the Mailboxes section by its hash and resolves once its user rows are in the document and painted. */
export function measureFirstRender(page: Page, hash: string): Promise<FirstRender> {
  return page.evaluate<FirstRender>(
    `window.benchUsers.firstRender(${JSON.stringify(hash)}, ${JSON.stringify(ARRIVED_MARK)})`,
  );
}

/** One key pressed in the filter, timed from its keydown to the updated list on screen. */
export async function measureKeystroke(page: Page, key: string): Promise<Keystroke> {
  await page.evaluate('window.benchUsers.arm()');
  await page.keyboard.press(key);
  return page.evaluate<Keystroke>('window.benchKeystroke');
}

/**
 * The anchor: as many users as one plain, non-virtualized table set through innerHTML, timed to the end of the
 * next frame. What a list without virtualization costs on this machine, in the same run.
 */
export function measurePlainTable(page: Page, count: number): Promise<number> {
  return page.evaluate<number>(`window.benchUsers.plainTable(${count})`);
}

/** The page's frame interval (median of 60 animation frames): what "one frame" is on this display. */
export function measureFrameInterval(page: Page): Promise<number> {
  return page.evaluate<number>('window.benchUsers.frameInterval()');
}
