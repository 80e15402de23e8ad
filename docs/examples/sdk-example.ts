import { OblixClient } from 'oblix';

// The config file's options; keys and OLLAMA_HOST come from the environment, as for `oblix serve`.
const client = new OblixClient({ mode: 'auto', prefer: 'balanced' });

// One answer, whole: the text, the model that served it, why, and the tokens.
const answer = await client.execute({ prompt: 'Name three prime numbers.', maxTokens: 200 });
console.log(answer.text);
console.log(`${answer.model} (${answer.reason}), ${answer.usage?.total_tokens ?? '?'} tokens`);

// Streamed, in a session: the next call with this sessionId (or `oblix chat --resume primes`) continues it.
for await (const chunk of client.execute({ prompt: 'And three more?', sessionId: 'primes', stream: true })) {
  if (chunk.type === 'text') process.stdout.write(chunk.text);
  else console.log(`\n${chunk.result.model} (${chunk.result.reason})`);
}
for (const s of client.sessions.list()) console.log(`${s.id}: ${s.messageCount} messages, "${s.title}"`);

await client.close();
