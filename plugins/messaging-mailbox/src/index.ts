import { mailboxEmail, mailboxSms } from './mailbox.connector';

export { mailboxConnector, mailboxEmail, mailboxSms } from './mailbox.connector';

/** One package, two connectors: a connector has one channel, and the mailbox keeps both. */
const connectors = [mailboxEmail, mailboxSms];
export default connectors;
