import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { USER_ROLES, type UserRole } from '#src/db/schema/enums';
import { findOrCreateTeam } from '#src/features/users/users.repository';
import { CLI_ACTOR, createUser } from '#src/features/users/users.service';
import { configOrExit, withStores } from '../context';

/**
 * The password comes from standard input, never from an argument (arguments show in `ps` and
 * shell history): typed twice without echo at a terminal, or the first line of a pipe.
 */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) return line;
    throw new Error('no password on standard input');
  }
  const first = await askHidden('Password: ');
  const second = await askHidden('Repeat password: ');
  if (first !== second) throw new Error('the two passwords differ');
  return first;
}

function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    output._writeToOutput = (s: string) => {
      if (s.startsWith(prompt)) process.stdout.write(prompt);
    };
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('manage the people who sign in to vipdesk');
  user
    .command('add <username>')
    .description('create a user; the password is read from standard input (the first admin is made this way)')
    .requiredOption('--role <role>', `one of ${USER_ROLES.join(', ')}`)
    .option('--name <displayName>', 'name shown in the console (default: the username)')
    .option('--team <team>', 'team name for a lead or agent (created when new)')
    .action(async (username: string, opts: { role: string; name?: string; team?: string }) => {
      const role = USER_ROLES.find((r) => r === opts.role);
      if (!role) throw new Error(`--role must be one of ${USER_ROLES.join(', ')}, got '${opts.role}'`);
      const password = await readPassword();
      const config = configOrExit();
      await withStores(config, async (stores) => {
        const db = stores.handle.db;
        const teamId = opts.team ? await findOrCreateTeam(db, opts.team) : null;
        const created = await createUser(
          db,
          { username, displayName: opts.name ?? username, role: role as UserRole, teamId, password },
          CLI_ACTOR,
        );
        console.log(`Created ${created.role} ${created.username} (id ${created.id})`);
      });
    });
}
