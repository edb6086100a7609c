import { smtpConnector } from './smtp.connector';

export { smtpConnector, manifest } from './smtp.connector';
export default smtpConnector;
