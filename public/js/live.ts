// Live updates for signed-in people: new activity at the top of open feeds, a "N nuove risposte"
// bar on threads (the page does not jump), the notification count, and who is online in a group.
// After a dropped connection the browser resubscribes from the last activity it saw, so nothing
// is silently lost. Everything on the page works without this script.
import { io } from 'socket.io-client';
import { followMessages } from './live-messages.ts';

type Activity = { id: number; room: string; html: Record<string, string> };
type Ack = { ok: boolean; error?: string; missed?: number };

const lang = document.documentElement.lang === 'en' ? 'en' : 'it';

/** Picks the singular or plural label an element carries, with {n} replaced. */
function label(el: HTMLElement, n: number): string {
  const text = (n === 1 ? el.dataset.labelOne : el.dataset.labelOther) ?? '';
  return text.replace('{n}', String(n));
}

const feeds = [...document.querySelectorAll<HTMLElement>('[data-feed]')].filter((el) => el.dataset.feed);
const lastSeen = new Map<string, number>(feeds.map((el) => [el.dataset.feed!, Number(el.dataset.lastId ?? 0)]));
const threadBar = document.querySelector<HTMLElement>('[data-live-thread]');
const presence = document.querySelector<HTMLElement>('[data-presence]');
const rooms = new Set<string>([...lastSeen.keys()]);
if (threadBar) rooms.add(`thread:${threadBar.dataset.liveThread}`);
if (presence?.dataset.presence) rooms.add(presence.dataset.presence);

const socket = io({ transports: ['websocket', 'polling'], withCredentials: true });

/** Subscribes (again) to every room of the page, asking for what happened since the last item seen. */
function subscribeAll(): void {
  for (const room of rooms) {
    const since = lastSeen.get(room);
    socket.emit('subscribe', since !== undefined ? { room, since } : room, (ack: Ack) => {
      if (!ack?.ok) console.warn(`live: ${room}: ${ack?.error ?? 'refused'}`);
    });
  }
}
socket.on('connect', subscribeAll);
followMessages(socket, lang);
// The server lost contact with the other app processes for a while: catch up on what they sent.
socket.on('resync', subscribeAll);

socket.on('activity', (a: Activity) => {
  for (const feed of feeds) {
    const room = feed.dataset.feed!;
    if (a.room !== room && room !== 'network') continue;
    const list = feed.querySelector<HTMLElement>('[data-feed-items]');
    if (!list || list.querySelector(`[data-activity-id="${a.id}"]`)) continue;
    list.insertAdjacentHTML('afterbegin', a.html[lang] ?? a.html.it ?? '');
    feed.querySelector('[data-feed-empty]')?.remove();
    lastSeen.set(room, Math.max(lastSeen.get(room) ?? 0, a.id));
    const announcer = feed.querySelector<HTMLElement>('[data-feed-announcer]');
    if (announcer) {
      const fresh = Number(announcer.dataset.count ?? 0) + 1;
      announcer.dataset.count = String(fresh);
      announcer.textContent = label(announcer, fresh);
    }
  }
});

let newReplies = 0;
socket.on('post:new', (p: { threadId: number; url: string }) => {
  if (!threadBar || String(p.threadId) !== threadBar.dataset.liveThread) return;
  const link = threadBar.querySelector<HTMLAnchorElement>('[data-live-link]');
  if (!link) return;
  newReplies += 1;
  link.href = p.url;
  link.textContent = label(threadBar, newReplies);
  link.hidden = false;
});

socket.on('notification', (n: { unread: number }) => {
  const badge = document.querySelector<HTMLElement>('[data-unread-count]');
  const hidden = document.querySelector<HTMLElement>('[data-unread-label]');
  if (badge) {
    badge.textContent = String(n.unread);
    badge.hidden = n.unread === 0;
  }
  if (hidden) hidden.textContent = n.unread === 0 ? (hidden.dataset.labelNone ?? '') : label(hidden, n.unread);
});

socket.on('presence', (p: { room: string; count: number }) => {
  if (presence && presence.dataset.presence === p.room) presence.textContent = `· ${label(presence, p.count)}`;
});
