import type { assistant as sv } from '../sv/assistant.js';

/** The optional assistant (issue 29). */
export const assistant: typeof sv = {
  cardTitle: 'Suggestion from the assistant',
  addItem: (title, meeting) => `Shall I add the item “${title}” to the agenda of ${meeting}?`,
  moveMeeting: (meeting, to) => `Shall I move ${meeting} to ${to}?`,
  recordNote: (meeting) => `Shall I note this under the current item of ${meeting}?`,
  facts: { meeting: 'Meeting', item: 'New item', kind: 'Kind', now: 'Now', after: 'After the change', note: 'Note' },
  disclaimer: 'This suggestion comes from an AI assistant. Nothing changes until you press Do it.',
  confirmButton: 'Do it',
  cancelButton: 'Cancel',
  onlyAsker: 'Only the person who asked can confirm this suggestion. Nothing was changed.',
  cancelled: 'The suggestion is cancelled. Nothing was changed.',
  alreadyHandled: 'This suggestion has already been handled.',
  gone: 'This suggestion no longer exists. Please ask again.',
  otherGroup: 'That meeting does not belong to this group. I will not do anything with it.',
  unknownApproval: 'That approval request is not among the group’s open requests.',
  notAnswered: (title, names) => `Not yet answered “${title}”: ${names}.`,
  allAnswered: (title) => `Everyone asked has answered “${title}”.`,
  approvalSource: (title, deadline) => `Source: the approval request “${title}” in Lokus, deadline ${deadline}.`,
  decisionsFound: (query, count) => `${count} ${count === 1 ? 'decision' : 'decisions'} about “${query}”:`,
  noDecisions: (query) => `No decisions about “${query}” in the decision log.`,
  decisionsSource: (group, query) => `Source: the decision log of ${group} (type **decisions ${query}** for the whole list).`,
  off: 'The assistant is off for this group. No messages are sent to the AI service from here.',
  on: 'The assistant is on for this group.',
  notConfigured: 'Lokus has no assistant configured. The commands work as usual.',
};
