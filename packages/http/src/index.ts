export { type CreateServerOptions, createServer } from "./create-server.js";
export { requestName } from "./request-name.js";
export {
  CLIENT_DISCONNECTED,
  type RequestErrorHandler,
  type RequestListener,
} from "./request-task.js";
export { type RequestTaskOptions, requestTasks } from "./request-tasks.js";
