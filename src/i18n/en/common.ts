import type { common as sv } from '../sv/common.js';

export const common: typeof sv = {
  unknownCommand: (text: string) => `I didn't understand "${text}". Type **help** to see what you can do.`,
  didYouMean: (command: string) => `Did you mean ${command}?`,
  didYouMeanText: (text: string) => `Press the button to run it with what you wrote: "${text}"`,
  runButton: (command: string) => `Run ${command}`,
  ranCommand: (text: string) => `Ran: ${text}`,
  emptyMessage: 'Type **help** to see what you can do.',
  welcome: 'Hi! I am Lokus and I help the group run its meetings: agenda, attendance, approvals, decisions and minutes. Type **help** to get started.',
  welcomeChannel: 'Hi! I am Lokus and I help the group run its meetings: agenda, attendance, approvals, decisions and minutes. Type **@Lokus help** to get started – in a channel, mention me first.',
  internalError: 'Something went wrong in Lokus. Please try again in a moment.',
  databaseUnavailable: 'Lokus cannot reach its database right now, please try again in a moment.',
  busy: 'Many people are changing this at once. Please try again in a moment.',
  invalidCardData: 'The card sent data that could not be used. Reload the card and try again.',
  unknownCardAction: 'This button is no longer recognised. Type **help** to see what you can do.',
};
