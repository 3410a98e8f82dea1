/** Child process: autocannon against one URL with pre-built signed requests; prints the result as JSON on stdout. */
import autocannon from 'autocannon';
import { feishuLoadRequests } from './feishu-load-bodies.js';

const [url, connections, duration] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
const requests = feishuLoadRequests(Number(process.env.BENCH_REQUESTS ?? 60_000), new Date());
let next = 0;
const result = await autocannon({
  url,
  connections,
  duration,
  requests: [
    {
      method: 'POST',
      setupRequest: (request) => {
        const r = requests[next++ % requests.length]!;
        return { ...request, body: r.body, headers: r.headers };
      },
    },
  ],
});
console.log(JSON.stringify({ requests: result.requests, latency: result.latency, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts }));
