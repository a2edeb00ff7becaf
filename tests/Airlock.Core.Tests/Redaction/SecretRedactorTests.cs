using Airlock.Redaction;
using static Airlock.Tests.Redaction.FakeSecrets;

namespace Airlock.Tests.Redaction;

public sealed class SecretRedactorTests
{
    /// <summary>Input, the secret it holds, and the expected output: only the secret replaced.</summary>
    public static TheoryData<string, string, string> Secrets => new()
    {
        // HTTP headers, in curl arguments and raw requests.
        { $"curl -H 'Authorization: Bearer {Opaque}' https://api.example.test/v1/items", Opaque, "curl -H 'Authorization: Bearer [REDACTED:bearer_token]' https://api.example.test/v1/items" },
        { $"curl -H \"Authorization:Bearer {Opaque}\" https://api.example.test", Opaque, "curl -H \"Authorization:Bearer [REDACTED:bearer_token]\" https://api.example.test" },
        { $"curl -H 'Authorization: Basic {BasicCredentials}' https://api.example.test", BasicCredentials, "curl -H 'Authorization: Basic [REDACTED:basic_auth]' https://api.example.test" },
        { $"curl -H \"Authorization: token {GitHub}\" https://api.github.com/user", GitHub, "curl -H \"Authorization: token [REDACTED:github_token]\" https://api.github.com/user" },
        { $"curl -x proxy:3128 -H 'Proxy-Authorization: Basic {BasicCredentials}' https://example.test", BasicCredentials, "curl -x proxy:3128 -H 'Proxy-Authorization: Basic [REDACTED:basic_auth]' https://example.test" },
        { $"curl -H 'X-Api-Key: {Opaque}' https://api.example.test", Opaque, "curl -H 'X-Api-Key: [REDACTED:secret]' https://api.example.test" },
        { $"curl --header \"Api-Key: {Opaque}\" https://api.example.test", Opaque, "curl --header \"Api-Key: [REDACTED:secret]\" https://api.example.test" },
        { $"curl -H 'X-Auth-Token: {Opaque}' https://api.example.test", Opaque, "curl -H 'X-Auth-Token: [REDACTED:secret]' https://api.example.test" },
        { $"curl -H 'PRIVATE-TOKEN: {GitLab}' https://gitlab.example.test/api/v4/projects", GitLab, "curl -H 'PRIVATE-TOKEN: [REDACTED:gitlab_token]' https://gitlab.example.test/api/v4/projects" },
        { $"curl -H 'Cookie: session={Opaque}; theme=dark' https://app.example.test", Opaque, "curl -H 'Cookie: [REDACTED:cookie]' https://app.example.test" },
        { $"HTTP/1.1 200 OK\r\nSet-Cookie: sid={Opaque}; Path=/; HttpOnly\r\nContent-Type: text/html", Opaque, "HTTP/1.1 200 OK\r\nSet-Cookie: [REDACTED:cookie]\r\nContent-Type: text/html" },
        { $"GET /v1/items HTTP/1.1\nHost: api.example.test\nAuthorization: Bearer {Jwt}\n", Jwt, "GET /v1/items HTTP/1.1\nHost: api.example.test\nAuthorization: Bearer [REDACTED:jwt]\n" },
        { $"git -c http.extraHeader=\"Authorization: Basic {BasicCredentials}\" clone https://git.example.test/r.git", BasicCredentials, "git -c http.extraHeader=\"Authorization: Basic [REDACTED:basic_auth]\" clone https://git.example.test/r.git" },

        // URLs with user information.
        { "psql postgres://app:pa55w0rd@db.internal:5432/prod -c 'select 1'", "pa55w0rd", "psql postgres://app:[REDACTED:password]@db.internal:5432/prod -c 'select 1'" },
        { "mongosh \"mongodb+srv://admin:pa55w0rd@cluster0.example.test/db\"", "pa55w0rd", "mongosh \"mongodb+srv://admin:[REDACTED:password]@cluster0.example.test/db\"" },
        { "redis-cli -u redis://:pa55w0rd@cache:6379/0 ping", "pa55w0rd", "redis-cli -u redis://:[REDACTED:password]@cache:6379/0 ping" },
        { $"git clone https://x-access-token:{GitHub}@github.com/org/repo.git", GitHub, "git clone https://x-access-token:[REDACTED:github_token]@github.com/org/repo.git" },
        { $"git clone https://oauth2:{GitLab}@gitlab.com/org/repo.git", GitLab, "git clone https://oauth2:[REDACTED:gitlab_token]@gitlab.com/org/repo.git" },
        { $"git push https://{GitHub}@github.com/org/repo.git main", GitHub, "git push https://[REDACTED:github_token]@github.com/org/repo.git main" },
        { $"curl 'https://api.example.test/v1?access_token={Opaque}&page=2'", Opaque, "curl 'https://api.example.test/v1?access_token=[REDACTED:secret]&page=2'" },
        { $"curl \"https://maps.example.test/geocode/json?address=Main+St&key={Google}\"", Google, "curl \"https://maps.example.test/geocode/json?address=Main+St&key=[REDACTED:google_api_key]\"" },

        // Connection strings.
        { "dotnet ef database update --connection \"Host=db;Username=app;Password=S3cr3t pass;Database=prod\"", "S3cr3t", "dotnet ef database update --connection \"Host=db;Username=app;Password=[REDACTED:connection_password];Database=prod\"" },
        { "sqlcmd \"Server=tcp:db,1433;User Id=sa;Pwd=S3cr3t!;Encrypt=true\"", "S3cr3t!", "sqlcmd \"Server=tcp:db,1433;User Id=sa;Pwd=[REDACTED:connection_password];Encrypt=true\"" },
        { "Driver={ODBC Driver 18};Server=db;UID=sa;PWD={S3c;r3t};", "S3c;r3t", "Driver={ODBC Driver 18};Server=db;UID=sa;PWD={[REDACTED:connection_password]};" },
        { "psql \"host=db user=app password=S3cr3t dbname=prod sslmode=require\"", "S3cr3t", "psql \"host=db user=app password=[REDACTED:connection_password] dbname=prod sslmode=require\"" },
        { "psql \"host=db password='S3 cr3t' dbname=prod\"", "S3 cr3t", "psql \"host=db password='[REDACTED:connection_password]' dbname=prod\"" },

        // Environment assignments and exports.
        { "PGPASSWORD=S3cr3t psql -h db -U app prod", "S3cr3t", "PGPASSWORD=[REDACTED:password] psql -h db -U app prod" },
        { $"export GITHUB_TOKEN={GitHub}", GitHub, "export GITHUB_TOKEN=[REDACTED:github_token]" },
        { $"export GITHUB_TOKEN={Opaque} && gh pr list", Opaque, "export GITHUB_TOKEN=[REDACTED:secret] && gh pr list" },
        { $"AWS_ACCESS_KEY_ID={AwsKeyId} aws s3 ls s3://bucket", AwsKeyId, "AWS_ACCESS_KEY_ID=[REDACTED:aws_access_key] aws s3 ls s3://bucket" },
        { $"AWS_SECRET_ACCESS_KEY=\"{AwsSecret}\" aws s3 ls s3://bucket", AwsSecret, "AWS_SECRET_ACCESS_KEY=\"[REDACTED:aws_secret_key]\" aws s3 ls s3://bucket" },
        { $"[default]\naws_access_key_id = {AwsKeyId}\naws_secret_access_key = {AwsSecret}\n", AwsSecret, "[default]\naws_access_key_id = [REDACTED:aws_access_key]\naws_secret_access_key = [REDACTED:aws_secret_key]\n" },
        { $"FOO_API_KEY={Opaque} ./run.sh", Opaque, "FOO_API_KEY=[REDACTED:secret] ./run.sh" },
        { "DB_PASS=hunter22 make migrate", "hunter22", "DB_PASS=[REDACTED:password] make migrate" },
        { "MYSQL_PWD=hunter22 mysql -u root prod", "hunter22", "MYSQL_PWD=[REDACTED:password] mysql -u root prod" },
        { $"env SECRET={Opaque} node server.js", Opaque, "env SECRET=[REDACTED:secret] node server.js" },
        { "docker run -e POSTGRES_PASSWORD=hunter22 -d postgres:16", "hunter22", "docker run -e POSTGRES_PASSWORD=[REDACTED:password] -d postgres:16" },
        { "kubectl create secret generic db --from-literal=password=hunter22", "hunter22", "kubectl create secret generic db --from-literal=password=[REDACTED:password]" },
        { $"$env:OPENAI_API_KEY = \"{OpenAi}\"", OpenAi, "$env:OPENAI_API_KEY = \"[REDACTED:openai_key]\"" },
        { $"npm config set //registry.npmjs.org/:_authToken={Npm}", Npm, "npm config set //registry.npmjs.org/:_authToken=[REDACTED:npm_token]" },
        { "java -Dspring.datasource.password=hunter22 -jar app.jar", "hunter22", "java -Dspring.datasource.password=[REDACTED:password] -jar app.jar" },
        { "terraform apply -var 'db_password=hunter22' -auto-approve", "hunter22", "terraform apply -var 'db_password=[REDACTED:password]' -auto-approve" },
        { "helm upgrade app ./chart --set postgresql.auth.password=hunter22", "hunter22", "helm upgrade app ./chart --set postgresql.auth.password=[REDACTED:password]" },
        { "java -jar tool.jar jdbc:postgresql://db:5432/app?user=app&password=hunter22&ssl=true", "hunter22", "java -jar tool.jar jdbc:postgresql://db:5432/app?user=app&password=[REDACTED:connection_password]&ssl=true" },
        { $"python -c 'import os; os.environ[\"API_KEY\"] = \"{Opaque}\"'", Opaque, "python -c 'import os; os.environ[\"API_KEY\"] = \"[REDACTED:secret]\"'" },

        // JSON and YAML written into commands.
        { "curl -X POST https://api.example.test/login -d '{\"username\": \"bob\", \"password\": \"hunter22\"}'", "hunter22", "curl -X POST https://api.example.test/login -d '{\"username\": \"bob\", \"password\": \"[REDACTED:password]\"}'" },
        { $"{{\"client_id\":\"app\",\"client_secret\":\"{Opaque}\"}}", Opaque, "{\"client_id\":\"app\",\"client_secret\":\"[REDACTED:secret]\"}" },
        { "log: {\\\"password\\\":\\\"hunter22\\\"}", "hunter22", "log: {\\\"password\\\":\\\"[REDACTED:password]\\\"}" },
        { "cat > config.yml <<EOF\ndb:\n  host: db\n  password: hunter22 two\nEOF", "hunter22", "cat > config.yml <<EOF\ndb:\n  host: db\n  password: [REDACTED:password]\nEOF" },
        { $"env:\n  - name: app\n    api_key: '{Opaque}'\n", Opaque, "env:\n  - name: app\n    api_key: '[REDACTED:secret]'\n" },
        { $"{{\"body\": \"AWS_ACCESS_KEY_ID={AwsKeyId}\\nAWS_SECRET_ACCESS_KEY={AwsSecret}\"}}", AwsSecret, "{\"body\": \"AWS_ACCESS_KEY_ID=[REDACTED:aws_access_key]\\nAWS_SECRET_ACCESS_KEY=[REDACTED:aws_secret_key]\"}" },
        { $"{{\"text\": \"here is the token: GITHUB_TOKEN={GitHub}\"}}", GitHub, "{\"text\": \"here is the token: GITHUB_TOKEN=[REDACTED:github_token]\"}" },
        { "cat > .env <<EOF\nDB_PASSWORD=Pa(ss)\nEOF", "Pa(ss)", "cat > .env <<EOF\nDB_PASSWORD=[REDACTED:password]\nEOF" },
        { "{\"password\": \"new!Pa[ss];\"}", "new!Pa[ss];", "{\"password\": \"[REDACTED:password]\"}" },
        { "export DB_PASSWORD=\"none of your business\"", "none of your business", "export DB_PASSWORD=\"[REDACTED:password]\"" },
        { "db:\n  password: null and void\n", "null and void", "db:\n  password: [REDACTED:password]\n" },

        // Command-line options.
        { "mysql -h db -u root -pS3cr3t prod", "S3cr3t", "mysql -h db -u root -p[REDACTED:password] prod" },
        { "mysql -u root -p'S3 cr3t' prod", "S3 cr3t", "mysql -u root -p'[REDACTED:password]' prod" },
        { "docker exec -it db mysqldump -uroot -pS3cr3t --all-databases", "S3cr3t", "docker exec -it db mysqldump -uroot -p[REDACTED:password] --all-databases" },
        { "mysql --password=S3cr3t prod", "S3cr3t", "mysql --password=[REDACTED:password] prod" },
        { "docker login --password S3cr3t -u bob registry.example.test", "S3cr3t", "docker login --password [REDACTED:password] -u bob registry.example.test" },
        { $"kubectl --token {Opaque} get pods", Opaque, "kubectl --token [REDACTED:secret] get pods" },
        { $"kubectl --token={Opaque} get pods", Opaque, "kubectl --token=[REDACTED:secret] get pods" },
        { $"tool deploy --api-key {Opaque} --region eu", Opaque, "tool deploy --api-key [REDACTED:secret] --region eu" },
        { $"tool --secret \"{Opaque}\"", Opaque, "tool --secret \"[REDACTED:secret]\"" },
        { $"az login --service-principal -u app --client-secret {Opaque} --tenant t", Opaque, "az login --service-principal -u app --client-secret [REDACTED:secret] --tenant t" },
        { $"tool --auth-token {Opaque}", Opaque, "tool --auth-token [REDACTED:secret]" },
        { "keytool -list -keystore app.jks -storepass S3cr3t", "S3cr3t", "keytool -list -keystore app.jks -storepass [REDACTED:password]" },
        { "curl -u bob:S3cr3t https://api.example.test", "S3cr3t", "curl -u bob:[REDACTED:password] https://api.example.test" },
        { "curl --user bob:S3cr3t https://api.example.test", "S3cr3t", "curl --user bob:[REDACTED:password] https://api.example.test" },
        { "sshpass -p 'S3cr3t' ssh -p 2222 bob@host", "S3cr3t", "sshpass -p '[REDACTED:password]' ssh -p 2222 bob@host" },
        { "redis-cli -h cache -a S3cr3t ping", "S3cr3t", "redis-cli -h cache -a [REDACTED:password] ping" },
        { "http -a bob:S3cr3t GET api.example.test/me", "S3cr3t", "http -a bob:[REDACTED:password] GET api.example.test/me" },
        { "docker login -u bob -p S3cr3t registry.example.test && docker run -p 8080:80 app", "S3cr3t", "docker login -u bob -p [REDACTED:password] registry.example.test && docker run -p 8080:80 app" },

        // SQL that sets a password.
        { "psql -c \"ALTER USER app WITH PASSWORD 'S3cr3t'\"", "S3cr3t", "psql -c \"ALTER USER app WITH PASSWORD '[REDACTED:password]'\"" },
        { "mysql -e \"CREATE USER 'app'@'%' IDENTIFIED BY 'S3cr3t'\"", "S3cr3t", "mysql -e \"CREATE USER 'app'@'%' IDENTIFIED BY '[REDACTED:password]'\"" },
        { "UPDATE users SET password = 'S3cr3t' WHERE id = 7", "S3cr3t", "UPDATE users SET password = '[REDACTED:password]' WHERE id = 7" },

        // Known token formats, wherever they appear.
        { $"gh auth login --with-token <<< {GitHub}", GitHub, "gh auth login --with-token <<< [REDACTED:github_token]" },
        { $"echo {GitHubPat} | gh auth login --with-token", GitHubPat, "echo [REDACTED:github_token] | gh auth login --with-token" },
        { $"curl -H \"Authorization: Bearer {Slack}\" https://slack.com/api/chat.postMessage", Slack, "curl -H \"Authorization: Bearer [REDACTED:slack_token]\" https://slack.com/api/chat.postMessage" },
        { $"curl https://api.stripe.com/v1/charges -u {Stripe}:", Stripe, "curl https://api.stripe.com/v1/charges -u [REDACTED:stripe_key]:" },
        { $"OPENAI_API_KEY={OpenAi} python agent.py", OpenAi, "OPENAI_API_KEY=[REDACTED:openai_key] python agent.py" },
        { $"curl https://api.anthropic.com/v1/messages -H \"x-api-key: {Anthropic}\"", Anthropic, "curl https://api.anthropic.com/v1/messages -H \"x-api-key: [REDACTED:anthropic_key]\"" },
        { $"python send.py {Anthropic}", Anthropic, "python send.py [REDACTED:anthropic_key]" },
        { $"echo {Jwt} | jwt decode -", Jwt, "echo [REDACTED:jwt] | jwt decode -" },
        { $"airlock approve 42 --token {AirlockToken}", AirlockToken, "airlock approve 42 --token [REDACTED:airlock_token]" },
        { $"echo '{PrivateKey}' > ~/.ssh/id_ed25519", Fill(64), "echo '[REDACTED:private_key]' > ~/.ssh/id_ed25519" },
        { $"note: {AwsKeyId} leaked", AwsKeyId, "note: [REDACTED:aws_access_key] leaked" },
    };

    public static TheoryData<string> Ordinary => new()
    {
        "git push --force origin main",
        "rm -rf build",
        "SELECT password FROM users WHERE id = 1",
        "SELECT id, password_hash FROM users",
        "restic backup --password-file /run/secrets/restic ~/data",
        "echo $GITHUB_TOKEN",
        "psql \"$DATABASE_URL\"",
        "PGPASSWORD=\"$PGPASSWORD\" psql -h db",
        "curl -H \"Authorization: Bearer $TOKEN\" https://api.example.test",
        "curl -H \"Authorization: Bearer ${API_TOKEN}\" https://api.example.test",
        "export GITHUB_TOKEN=$(gh auth token)",
        "export TOKEN=${TOKEN}",
        "password: ${{ secrets.DB_PASSWORD }}",
        "docker login --password-stdin -u bob registry.example.test",
        "kubectl get pods --namespace task-list",
        "npm install --save-dev task-list",
        "git checkout 3f2a9c1e5b7d4a6c8e0f1a2b3c4d5e6f7a8b9c0d",
        "docker rm 123e4567-e89b-12d3-a456-426614174000",
        "git checkout sk-fix-the-login-page-bug",
        "ssh -p 2222 bob@host",
        "psql -p 5432 -h db prod",
        "docker run -u 1000:1000 -p 8080:80 nginx",
        "mkdir -p build/out",
        "mysql -u root -p prod",
        "curl -u bob https://api.example.test",
        "psql --no-password -h db prod",
        "ansible-playbook --ask-vault-pass site.yml",
        "{\"max_tokens\": 1024, \"token_type\": \"Bearer\", \"token_count\": 3}",
        "def login(user: str, password: str) -> bool:",
        "interface Session { token: string; expires: number }",
        "connect(password=None, timeout=30)",
        "db:\n  password: null\n  token: ~\n",
        "ansible-playbook site.yml --private-key ~/.ssh/deploy_ed25519",
        "gcloud auth activate-service-account --credentials /etc/gcp/sa.json",
        "var token = tokens[i];",
        "_token = _lexer.Next();",
        "token = new SqlToken(SqlTokenKind.Symbol, i, 1);",
        "if (token == \"-delete\") return;",
        "self.token = self.token_source.next()",
        "PWD=/home/bob/project make",
        "cat ~/.aws/credentials",
        "curl https://api.example.test/items?page=2&limit=50",
        "git clone https://github.com/org/repo.git",
        "git clone git@github.com:org/repo.git",
        "curl -b cookies.txt https://app.example.test",
        "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----",
        "echo 'Authorization: Bearer'",
        "The password was changed; sign in again.",
        "Set the TOKEN environment variable, then run make.",
        "",
    };

    [Theory]
    [MemberData(nameof(Secrets))]
    public void Redact_Secret_OnlyTheSecretIsReplaced(string input, string secret, string expected)
    {
        var result = SecretRedactor.Redact(input);

        Assert.Equal(expected, result.Text);
        Assert.DoesNotContain(secret, result.Text, StringComparison.Ordinal);
        Assert.True(result.Changed);
        foreach (var kind in result.Kinds)
        {
            Assert.Contains($"[REDACTED:{kind}]", result.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Secrets))]
    public void Redact_RedactedText_ChangesNothing(string input, string secret, string expected)
    {
        _ = secret;
        var again = SecretRedactor.Redact(SecretRedactor.Redact(input).Text);

        Assert.Equal(expected, again.Text);
        Assert.Empty(again.Kinds);
    }

    [Theory]
    [MemberData(nameof(Ordinary))]
    public void Redact_OrdinaryText_IsUnchanged(string input)
    {
        var result = SecretRedactor.Redact(input);

        Assert.Equal(input, result.Text);
        Assert.False(result.Changed);
    }

    [Fact]
    public void Redact_SeveralSecrets_ReportsOneKindPerMarkerInOrder()
    {
        var result = SecretRedactor.Redact($"PGPASSWORD=hunter22 psql postgres://app:pa55w0rd@db/prod && export GITHUB_TOKEN={GitHub}");

        Assert.Equal("PGPASSWORD=[REDACTED:password] psql postgres://app:[REDACTED:password]@db/prod && export GITHUB_TOKEN=[REDACTED:github_token]", result.Text);
        Assert.Equal(["password", "password", "github_token"], result.Kinds);
    }

    [Fact]
    public void Redact_UnterminatedPrivateKey_RedactsToTheEnd()
    {
        var result = SecretRedactor.Redact("cat <<EOF > key\n-----BEGIN RSA PRIVATE KEY-----\n" + Fill(64) + "\n" + Fill(30));

        Assert.Equal("cat <<EOF > key\n[REDACTED:private_key]", result.Text);
    }

    [Fact]
    public void Redact_Null_ReturnsEmptyText()
    {
        var result = SecretRedactor.Redact(null!);

        Assert.Equal("", result.Text);
        Assert.False(result.Changed);
    }
}
