// Stand-in code for the first apply only: ./build.sh Deploy replaces it with
// the real package, and Terraform ignores code changes afterwards. Throwing
// keeps the message in the bucket and shows up in the function's errors.
export const handler = async () => {
  throw new Error('mail-forwarder not deployed yet: run ./build.sh Deploy');
};
