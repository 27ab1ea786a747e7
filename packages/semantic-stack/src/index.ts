export { SemanticSnapshot } from "./semantic-snapshot.js";
export { SemanticStack, type SemanticStackOptions } from "./semantic-stack.js";
export { throughline } from "./throughline.js";
