using JasperFx;
using JasperFx.CodeGeneration;
using KosodateShien.Api.Audit;
using KosodateShien.Api.Auth;
using KosodateShien.Api.Http;
using KosodateShien.Api.Http.Idempotency;
using KosodateShien.Api.OpenApi;
using KosodateShien.Application;
using KosodateShien.Application.Certification;
using KosodateShien.Application.Seeding;
using KosodateShien.Projections;
using KosodateShien.Projections.Analytics;
using KosodateShien.Projections.Privacy;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Http;
using Wolverine.Marten;
using Wolverine.Http.Marten;
using KosodateShien.Api;

if (args is ["token", .. var tokenArgs])
    return TokenCommand.Run(tokenArgs, new ConfigurationBuilder().AddEnvironmentVariables().Build());
if (args is ["analyst-role", .. var roleArgs])
    return await KosodateShien.Api.Analytics.AnalystRoleCommand.RunAsync(roleArgs, new ConfigurationBuilder().AddEnvironmentVariables().Build());

// Configuration comes from the environment, never from a file reloaded on change: watching for appsettings.json puts a
// recursive watch on the content root (the checkout, where the local PostgreSQL cluster writes), which cost a tenth of
// the service's CPU under load.
var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
builder.AddTransportSecurity();
var connectionString = builder.Configuration.GetConnectionString("Kosodate")
    ?? throw new InvalidOperationException("ConnectionStrings:Kosodate is not configured (./kosodate sets it for the local cluster; KOSODATE_DB points elsewhere).");
var schema = builder.Configuration.GetValue("Marten:Schema", KosodateStore.DefaultSchema)!;
var jwt = JwtSettings.From(builder.Configuration);
var masterKey = MasterKey.From(builder.Configuration[MasterKey.ConfigurationKey], builder.Environment.IsProduction());

// Schema DDL and per-message traces are noise at Information; configuration can still lower these.
foreach (var category in new[] { "Marten", "Weasel", "Wolverine", "JasperFx", "Microsoft.AspNetCore" })
    builder.Logging.AddFilter(category, LogLevel.Warning);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<KosodateShien.Application.Hosting.StartupGate>();
builder.Services.AddSingleton(new KosodateShien.Application.Contracts.FeeSettings(builder.Configuration.GetValue("Fees:RuleSet", KosodateShien.Domain.Fees.FeeRuleSets.National)!));
builder.Services.AddSingleton(KosodateShien.Application.Collection.DirectDebit.DirectDebitSettings.ConsignorFrom(builder.Configuration));
builder.Services.AddSingleton(new KosodateShien.Api.FacilityPayments.FacilityTransferConsignor(
    KosodateShien.Application.Collection.DirectDebit.DirectDebitSettings.ConsignorFrom(builder.Configuration, "FacilityPayments:Transfer")));
builder.Services.AddSingleton(KosodateShien.Application.Collection.Payments.PaymentBatchSettings.From(builder.Configuration));
builder.Services.AddSingleton<KosodateShien.Application.Collection.Payments.PaymentBatches>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<KosodateShien.Application.Collection.Payments.PaymentBatches>());
builder.Services.AddSingleton(new KosodateShien.Application.Allocation.ExactSolver(new KosodateShien.Application.Allocation.Exact.CpSatAllocator()));
builder.Services.CritterStackDefaults(x =>
{
    x.Development.GeneratedCodeMode = TypeLoadMode.Dynamic;
    x.Production.GeneratedCodeMode = TypeLoadMode.Dynamic;
});
// Production needs its own secret for the analysts' pseudonyms; the fixed development key would let anyone reverse them.
var pseudonyms = Pseudonyms.From(builder.Configuration[Pseudonyms.KeySetting], builder.Environment.IsProduction());
builder.Services.AddMarten(opts => KosodateStore.Configure(opts, connectionString, schema, masterKey, pseudonyms))
    .BuildSessionsWith<IdempotentSessionFactory>()
    .ApplyAllDatabaseChangesOnStartup()
    .IntegrateWithWolverine();
builder.Services.AddSingleton(sp => sp.GetRequiredService<IDocumentStore>().PersonalDataKeys());
builder.Services.AddSingleton(sp => new ReadinessCheck(() => sp.GetRequiredService<IDocumentStore>().Storage.Database.CreateConnection(),
    sp.GetRequiredService<KosodateShien.Application.Hosting.StartupGate>(), sp.GetRequiredService<ILogger<ReadinessCheck>>()));
builder.Host.UseWolverine(opts =>
{
    opts.ApplicationAssembly = typeof(Program).Assembly;
    opts.Discovery.IncludeAssembly(ApplicationAssembly.Reference);
    opts.Policies.AutoApplyTransactions();
    opts.Policies.UseDurableLocalQueues();
    opts.EnableRelayOfUserName = true;
    // A request with an Idempotency-Key commits after its answer is kept: its messages wait for that commit.
    opts.MetadataRules.Add(new DeferMessagesUntilCommit());
    opts.Durability.ScheduledJobPollingTime = TimeSpan.FromSeconds(1);
    // A background job that lost an optimistic race (another writer moved the same stream first) reads again and retries.
    opts.Policies.OnException<JasperFx.ConcurrencyException>().Or<Marten.Exceptions.ExistingStreamIdCollisionException>()
        .RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500));
});

if (builder.Configuration.GetValue("Audit:ScheduledReview", true))
    builder.Services.AddHostedService<KosodateShien.Application.Audit.AccessReviewScheduler>();
if (builder.Configuration.GetValue("Fees:ScheduledRuns", true))
    builder.Services.AddHostedService<KosodateShien.Application.Contracts.MonthlyFeeScheduler>();
builder.Services.AddWolverineHttp();
builder.Services.ConfigureHttpJsonOptions(o => JsonSetup.Apply(o.SerializerOptions));
builder.Services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => JsonSetup.Apply(o.JsonSerializerOptions));
// The one 409 the framework writes itself (MapMartenConcurrencyFailuresToConflict: a write that lost the race for its stream
// after reading the same version) carries the rule every other stale version carries.
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
{
    if (c.ProblemDetails.Status == StatusCodes.Status409Conflict) c.ProblemDetails.Extensions.TryAdd("rule", "version.conflict");
});
builder.Services.AddExceptionHandler<ApiExceptionHandler>();
builder.Services.AddKosodateAuthentication(jwt);
builder.Services.AddKosodateRateLimiting(builder.Configuration);
builder.Services.AddSingleton(IdempotencySettings.From(builder.Configuration));
builder.Services.AddSingleton(new IdempotencyStore(schema));
builder.Services.AddHostedService<IdempotencyPurge>();
builder.Services.AddKosodateCors(builder.Configuration);
builder.Services.AddKosodateOpenApi();

var app = builder.Build();

app.UseAccessLog();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseTransportSecurity();
app.UseStatusCodePages(async context =>
{
    var response = context.HttpContext.Response;
    if (response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
        await Problems.WriteAsync(context.HttpContext, response.StatusCode, ReasonPhrase(response.StatusCode), response.StatusCode switch
        {
            StatusCodes.Status404NotFound => "There is no such resource (check the id and the path).",
            StatusCodes.Status405MethodNotAllowed => "This path does not take that HTTP method.",
            _ => "See the status code.",
        });
});
app.UseKosodateCors(app.Configuration);
app.UseRequestSizeLimits();
// The OpenAPI document and Swagger UI are public; everything after this needs a token.
app.UseSwagger();
app.UseSwaggerUI(o => o.DocumentTitle = "KosodateShien API");
app.UseAuthentication();
// After authentication, so requests count against the signed-in user (or the client address without a token).
app.UseRateLimiter();
app.UseAuthorization();
app.UsePurposeRequired();
app.UseParameterChecks();
app.UseIdempotencyKeys();
app.UseJsonBodyValidation();
app.MapHealth();
app.MapWolverineEndpoints(opts =>
{
    opts.MapMartenConcurrencyFailuresToConflict();
    opts.ApplyCorrelationIdHeaderToAllEndpoints = true;
    opts.RejectUnparseableQueryValues = true;
    opts.AddMiddlewareByMessageType(typeof(RequestValidationMiddleware));
    opts.AddMiddleware(typeof(AuditMetadataMiddleware), chain => chain.HttpMethods.Contains("POST"));
});

await StartupTasks.RunAsync(app);
return await app.RunJasperFxCommands(args);

static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

public partial class Program;
