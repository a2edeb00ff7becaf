using System.CommandLine;
using Airlock.Configuration;
using Airlock.Policy;

namespace Airlock.Cli.Commands;

/// <summary><c>airlock policy init | validate | test | show</c>.</summary>
internal static class PolicyCommand
{
    public static Command Create()
    {
        var command = new Command("policy", "Write, check, test and show policies.");
        command.Subcommands.Add(Init());
        command.Subcommands.Add(Validate());
        command.Subcommands.Add(PolicyTestCommand.Create());
        command.Subcommands.Add(Show());
        return command;
    }

    private static Command Init()
    {
        var output = new Option<string?>("--output", "-o") { Description = "Where to write it (default: the user's policy file)." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file." };
        var command = new Command("init", "Write a starter policy that extends the built-in one.");
        command.Options.Add(output);
        command.Options.Add(force);
        command.SetAction(result =>
        {
            var path = result.GetValue(output) ?? PolicySources.UserPolicyPath();
            if (File.Exists(path) && !result.GetValue(force))
            {
                result.InvocationConfiguration.Error.WriteLine($"{path} already exists; use --force to overwrite it.");
                return ExitCodes.UsageOrError;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, StarterPolicy);
            result.InvocationConfiguration.Output.WriteLine($"Wrote {path}. Check it with: airlock policy validate {path}");
            return 0;
        });
        return command;
    }

    private static Command Validate()
    {
        var file = new Argument<string?>("file") { Description = "The policy file (default: the policy in force).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("validate", "Check a policy file and report every error with its line.");
        command.Arguments.Add(file);
        command.SetAction(result =>
        {
            try
            {
                var policy = PolicySources.Resolve(result.GetValue(file), Directory.GetCurrentDirectory());
                result.InvocationConfiguration.Output.WriteLine($"{policy.Source}: valid ({policy.Rules.Count} rules, {policy.Tiers.Count} tiers).");
                return 0;
            }
            catch (ConfigException e)
            {
                foreach (var error in e.Errors)
                {
                    result.InvocationConfiguration.Error.WriteLine(error.ToString());
                }

                result.InvocationConfiguration.Error.WriteLine($"{e.Errors.Count} error(s); the policy cannot be used.");
                return ExitCodes.UsageOrError;
            }
        });
        return command;
    }

    private static Command Show()
    {
        var file = new Option<string?>("--policy") { Description = "Show this policy file instead of the one in force." };
        var command = new Command("show", "Show the policy in force: its source, rules, tiers, protected targets and reason codes.");
        command.Options.Add(file);
        command.SetAction(result =>
        {
            var output = result.InvocationConfiguration.Output;
            try
            {
                var policy = PolicySources.Resolve(result.GetValue(file), Directory.GetCurrentDirectory());
                output.WriteLine($"Source: {policy.Source}");
                output.WriteLine($"Protected branches: {string.Join(", ", policy.Protected.Branches)}");
                output.WriteLine($"Production targets: {(policy.Protected.Production.Count == 0 ? "(none beyond what names say)" : string.Join(", ", policy.Protected.Production))}");
                foreach (var freeze in policy.Freezes)
                {
                    output.WriteLine($"Freeze: {freeze.From:u} to {freeze.Until:u}, at least {EnumNames.Of(freeze.Outcome)}: {freeze.Reason}");
                }

                output.WriteLine("Rules (first match decides):");
                foreach (var rule in policy.Rules.Concat(policy.TighteningRules))
                {
                    output.WriteLine($"  {EnumNames.Of(rule.Outcome),-7} {rule.Id} ({rule.Source}:{rule.Line})");
                }

                output.WriteLine("Tiers:");
                foreach (var tier in policy.Tiers)
                {
                    output.WriteLine($"  {EnumNames.Of(tier.Outcome),-7} {tier.Id}");
                }

                output.WriteLine("Reason codes:");
                foreach (var (code, meaning) in ReasonCodes.All)
                {
                    output.WriteLine($"  {code,-24} {meaning}");
                }

                return 0;
            }
            catch (ConfigException e)
            {
                result.InvocationConfiguration.Error.WriteLine(e.Message);
                return ExitCodes.UsageOrError;
            }
        });
        return command;
    }

    private const string StarterPolicy = """
        # Airlock policy. It extends the built-in default (see `airlock policy show`); rules here are
        # tried first. Check it with `airlock policy validate`, pin its behaviour with `airlock policy test`.
        version: 1

        protected:
          # Branches whose history may only be rewritten or deleted with out-of-band approval.
          branches: [main, master, "release/*"]
          # Hosts, kube contexts, cloud profiles and projects that are production whatever their names say.
          production: []

        rules:
          # Example: never let an agent touch the billing database.
          # - id: no-billing-db
          #   target: ["*billing*"]
          #   verb: [write, delete]
          #   outcome: deny

        # blocked_tools: ["mcp__*__delete*"]
        # require_approval_for: ["database.*"]

        # freezes:
        #   - { from: 2026-12-20, until: 2027-01-04, outcome: approve, reason: "holiday change freeze" }
        """;
}
