import type { Container } from '@azure/cosmos';

/**
 * A card sent to someone's personal chat acts on a group's data (Signera, issue 6; marking an action
 * item done, issue 7). Card data is never trusted to name the group: the link is stored in the
 * personal chat's own partition, and a press there can only find links made for that chat.
 */
export interface PersonalLink {
  /** Unique per purpose and target, e.g. `sign-ap-…`. */
  id: string;
  /** The personal chat's partition (groupIdOf(tenant, personal conversation id)). */
  groupId: string;
  kind: string;
  target: { groupId: string; id: string };
  /** The member the link was made for, as the target group knows them. */
  memberId: string;
  createdAt: string;
}

interface PersonalLinkDoc extends PersonalLink {
  type: 'personalLink';
}

export class PersonalLinkRepo {
  constructor(private readonly container: Container) {}

  async save(link: PersonalLink): Promise<void> {
    await this.container.items.upsert<PersonalLinkDoc>({ ...link, type: 'personalLink' });
  }

  /** A point read in the personal chat's own partition; links of other chats are not found. */
  async get(groupId: string, id: string): Promise<PersonalLink | undefined> {
    const { resource, statusCode } = await this.container.item(id, groupId).read<PersonalLinkDoc>();
    if (statusCode === 404 || !resource || resource.type !== 'personalLink' || resource.groupId !== groupId) return undefined;
    return { id: resource.id, groupId: resource.groupId, kind: resource.kind, target: resource.target, memberId: resource.memberId, createdAt: resource.createdAt };
  }
}
