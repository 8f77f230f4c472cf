// Stand-in code for the first apply only: ./build.sh Deploy replaces it with
// the real package, and Terraform ignores code changes afterwards.
export const handler = async () => ({
  statusCode: 503,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ error: 'Not deployed yet: run ./build.sh Deploy' }),
});
