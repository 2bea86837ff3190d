// Private messages, live (loaded by live.ts on its one socket): a new message appears at the end of
// the open conversation and, the page being in view, counts as read; the header's envelope shows
// the new number of unread conversations. Without this script the page still works (reload).
import type { Socket } from 'socket.io-client';

type MessageNew = {
  conversationId: number;
  messageId: number;
  mine: boolean;
  unread: number;
  html: Record<string, string>;
};

function showUnread(count: number): void {
  const badge = document.querySelector<HTMLElement>('[data-unread-messages-count]');
  const label = document.querySelector<HTMLElement>('[data-unread-messages-label]');
  if (badge) {
    badge.textContent = String(count);
    badge.hidden = count === 0;
  }
  if (label) {
    const text =
      count === 0 ? label.dataset.labelNone : count === 1 ? label.dataset.labelOne : label.dataset.labelOther;
    label.textContent = (text ?? '').replace('{n}', String(count));
  }
}

export function followMessages(socket: Socket, lang: 'it' | 'en'): void {
  const page = document.querySelector<HTMLElement>('[data-conversation]');
  const list = page?.querySelector<HTMLElement>('[data-conversation-messages]');
  const csrf = page?.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value;

  socket.on('message:new', async (m: MessageNew) => {
    let unread = m.unread;
    const here = list && page && String(m.conversationId) === page.dataset.conversation;
    // Older pages of the conversation stay as they are; a message already shown is not added twice.
    if (here && !list.hasAttribute('data-live-off') && !list.querySelector(`[data-message-id="${m.messageId}"]`)) {
      list.insertAdjacentHTML('beforeend', m.html[lang] ?? m.html.it ?? '');
      if (!m.mine && csrf && document.visibilityState === 'visible') {
        try {
          const res = await fetch(`/messaggi-privati/${m.conversationId}/letto`, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { Accept: 'application/json' },
            body: new URLSearchParams({ _csrf: csrf }),
          });
          if (res.ok) unread = ((await res.json()) as { unread: number }).unread;
        } catch {
          // Offline for a moment: it stays unread until the page is opened again.
        }
      }
    }
    showUnread(unread);
  });
}
