/**
 * A misspelt command: one line naming the nearest command instead of oclif's bare "not found".
 * Registered in package.json (oclif.hooks.command_not_found).
 */
import { toConfiguredId, type Hook } from '@oclif/core';
import { closestCommand, OneLineError } from '../support/did-you-mean.js';

const hook: Hook<'command_not_found'> = async function (options) {
  const { bin } = options.config;
  const ids = options.config.commands.filter((c) => !c.hidden).flatMap((c) => [c.id, ...c.aliases]);
  const near = closestCommand(options.id, ids);
  const given = toConfiguredId(near?.given ?? options.id, options.config);
  const hint = near ? ` Did you mean "${bin} ${toConfiguredId(near.suggestion, options.config)}"?` : '';
  throw new OneLineError(`"${bin} ${given}" is not a command.${hint} Run "${bin} --help" for the list.`);
};

export default hook;
