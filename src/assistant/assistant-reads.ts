import type { Container } from '@azure/cosmos';
import type { Approval } from '../approvals/domain/approval.js';

/** The group's open approval requests, only what the model is told about them (id, title, deadline). */
export async function openApprovals(domain: Container, groupId: string): Promise<Approval[]> {
  const { resources } = await domain.items
    .query<Approval>(
      {
        query: "SELECT c.id, c.title, c.deadline FROM c WHERE c.groupId = @g AND c.type = 'approval' AND c.status = 'open'",
        parameters: [{ name: '@g', value: groupId }],
      },
      { partitionKey: groupId },
    )
    .fetchAll();
  return resources;
}
