// Where a conversation started, from references the writer gives (a Cerco/Offro post, the match it
// was opened from, a practice): each is looked up with the writer's own read rights, and the links
// shown on the conversation are written here, never taken from the request.
import type { ConversationOrigin } from '../../../models/schema.ts';
import type { Actor, Deps } from '../../core/deps.ts';
import { NotFoundError } from '../../core/errors.ts';
import { isActive } from '../exchange/exchange.policy.ts';
import { findReadablePost, postUrl } from '../exchange/exchange.service.ts';
import { PUBLIC_STATUSES } from '../practices/practices.policy.ts';
import { practiceUrl, readablePractice } from '../practices/practices.service.ts';
import type { OriginRef } from './conversations.schema.ts';

type Link = ConversationOrigin['links'][number];

// Only what everyone may read: the recipients see these titles (a draft's or a closed post's stays
// with its author).
const postLink = async (deps: Deps, actor: Actor, id: number): Promise<Link> => {
  const post = await findReadablePost(deps, actor, id);
  if (!isActive(post)) throw new NotFoundError();
  return { label: post.title, url: postUrl(post.id) };
};

const practiceLink = async (deps: Deps, actor: Actor, slug: string): Promise<Link> => {
  const { practice } = await readablePractice(deps, actor, slug);
  if (!PUBLIC_STATUSES.includes(practice.status)) throw new NotFoundError();
  return { label: practice.title, url: practiceUrl(practice) };
};

/**
 * The origin the references name, or none. A post and its match ("exchange:<id>" or
 * "practice:<slug>") make a match conversation, which offers to propose a twinning; a post alone or
 * a practice alone say so. A reference the writer may not read is a 404, as on its own page.
 */
export async function resolveOrigin(deps: Deps, actor: Actor, ref: OriginRef): Promise<ConversationOrigin | undefined> {
  if (ref.post !== undefined) {
    const links = [await postLink(deps, actor, ref.post)];
    if (!ref.match) return { kind: 'exchange', links };
    const [kind, key] = ref.match.split(':') as ['exchange' | 'practice', string];
    links.push(kind === 'exchange' ? await postLink(deps, actor, Number(key)) : await practiceLink(deps, actor, key));
    return { kind: 'match', links, twinningProposal: true };
  }
  if (ref.pratica !== undefined) return { kind: 'practice', links: [await practiceLink(deps, actor, ref.pratica)] };
  return undefined;
}
