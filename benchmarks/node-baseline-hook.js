// The smallest useful JavaScript pre-tool hook, for comparison with Airlock's: read the Claude Code
// payload from stdin, parse it, answer deny for one pattern. Real JavaScript hooks do more than this.
let input = '';
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const payload = JSON.parse(input);
  if (/rm\s+-rf/.test(payload.tool_input.command || '')) {
    process.stdout.write(JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'blocked' } }));
  }
});
