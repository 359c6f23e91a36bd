import type { Container } from '@azure/cosmos';
import type { ConversationReference } from 'botbuilder';
import { createOnce } from './update-with-retry.js';

/** Where the bot can post proactively for a group (kept in the group's own partition). */
export interface ConversationDoc {
  id: 'conversation';
  type: 'conversation';
  groupId: string;
  tenantId: string;
  conversationType: string;
  reference: Partial<ConversationReference>;
  updatedAt: string;
}

export class ConversationRepo {
  constructor(private readonly container: Container) {}

  async save(doc: Omit<ConversationDoc, 'id' | 'type'>): Promise<void> {
    await this.container.items.upsert<ConversationDoc>({ id: 'conversation', type: 'conversation', ...doc });
  }

  async get(groupId: string): Promise<ConversationDoc | undefined> {
    const { resource } = await this.container.item('conversation', groupId).read<ConversationDoc>();
    return resource;
  }

  /** True the first time it is called for a group: the welcome is posted once, whatever Teams sends. */
  async claimWelcome(groupId: string, at: string): Promise<boolean> {
    const { created } = await createOnce(this.container, { id: 'welcome', type: 'welcome', groupId, at });
    return created;
  }
}
