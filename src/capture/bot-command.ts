/** Runs a parsed bot command for a registered rep and always answers in the chat. */
import type { MessageReceived } from '../core/events.js';
import { commandProblem, helpText, notRegistered } from '../core/i18n/bot-replies.js';
import type { BotCommand } from '../core/rules/bot-command.rule.js';
import type { HandleOutcome } from '../inbound/inbox-processor.js';
import { bindCommand, unbindCommand } from './bind-command.js';
import type { CaptureContext } from './capture-context.js';
import { logCommand } from './log-command.js';
import { queueReply } from './reply.js';
import { resolveUser } from './resolve-people.js';

export async function handleBotCommand(ctx: CaptureContext, message: MessageReceived, command: BotCommand): Promise<HandleOutcome> {
  if (command.command === 'help') {
    await queueReply(ctx, message, helpText());
    return { status: 'processed', note: 'help sent' };
  }
  // Only registered reps may use the bot; telling a stranger that first beats explaining a typo.
  const user = await resolveUser(ctx, message.sender);
  if (!user) {
    await queueReply(ctx, message, notRegistered(ctx.platform));
    return { status: 'processed', note: 'sender is not a registered user; nothing recorded' };
  }
  if (command.command === 'invalid') {
    await queueReply(ctx, message, commandProblem(command.problem, command.usage, command.detail));
    return { status: 'processed', note: `bot command refused: ${command.problem}` };
  }
  switch (command.command) {
    case 'log':
      return logCommand(ctx, message, command, user);
    case 'bind':
      return bindCommand(ctx, message, command.customerQuery, user);
    case 'unbind':
      return unbindCommand(ctx, message, user);
  }
}
