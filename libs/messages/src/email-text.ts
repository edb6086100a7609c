import { MessageContent } from './message-content';

/** The plain-text alternative: the same words as the HTML, in the same order. */
export function emailText(content: MessageContent): string {
  const blocks: string[] = [content.greeting, ...content.intro];
  if (content.details.length > 0) {
    blocks.push(content.details.map((detail) => detail.line).join('\n'));
  }
  blocks.push(...content.beforeAction);
  if (content.action) {
    blocks.push([content.action.line, ...(content.action.validity ? [content.action.validity] : [])].join('\n'));
  }
  blocks.push(...content.afterAction);
  blocks.push(`${content.signOff}\n${content.companyName}`);
  if (content.footer.length > 0) blocks.push(`-- \n${content.footer.join('\n')}`);
  return `${blocks.join('\n\n')}\n`;
}
