export { UserError, formatUserError, EXIT } from '../scenario/errors.js';
