/** Where the page stands with the browser's Notifications API. */
export type PagePermission = 'unsupported' | 'default' | 'granted' | 'denied';

/**
 * The browser's Notifications API, for browser mode (the desktop app's notifications come from main). Behind an
 * interface so the stores run in tests, where there is no such API.
 */
export interface PageNotifications {
  permission(): PagePermission;
  /** Must be called from a user gesture (a click): browsers ignore or penalise requests made on load. */
  request(): Promise<PagePermission>;
  show(title: string, body: string, tag: string): void;
}

export const NO_PAGE_NOTIFICATIONS: PageNotifications = {
  permission: () => 'unsupported',
  request: async () => 'unsupported',
  show: () => undefined,
};

/** The page's real Notifications API, when the browser has one. */
export function browserNotifications(): PageNotifications {
  const api = typeof globalThis.Notification === 'function' ? globalThis.Notification : null;
  if (api === null) return NO_PAGE_NOTIFICATIONS;
  return {
    permission: () => api.permission,
    request: async () => api.requestPermission(),
    // The tag is the alert's id: several open tabs of browser mode show one notification, not one each.
    show: (title, body, tag) => void new api(title, { body, tag }),
  };
}
