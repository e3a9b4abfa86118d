export * from './model.js';
export { postmortemRequired, postmortemDueAt, overduePostmortems, type OverduePostmortem } from './required.js';
export { createPostmortem, renderImpactMarkdown, type CreatePostmortemInput } from './create.js';
export { editSection, submitForReview, returnToDraft, publishPostmortem, hasTopPriorityAction } from './lifecycle.js';
export { renderPostmortemMarkdown } from './markdown.js';
export type { PostmortemRepository } from './repository.js';
