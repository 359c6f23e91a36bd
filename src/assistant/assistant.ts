import type { Container } from '@azure/cosmos';
import type { AssistantConfig } from '../app/config.js';
import type { Logger } from '../app/log.js';
import { createAssistantModel, type AssistantModel } from './model-client.js';
import { ProposalRepo } from './proposal-repo.js';

/** The optional assistant: the model it asks and the proposals waiting for a confirmation. */
export interface Assistant {
  model: AssistantModel;
  proposals: ProposalRepo;
}

export function createAssistant(config: AssistantConfig, bot: Container, log: Logger): Assistant {
  return { model: createAssistantModel(config, log), proposals: new ProposalRepo(bot) };
}
