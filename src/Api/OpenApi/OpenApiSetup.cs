using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace KosodateShien.Api.OpenApi;

public static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";

    private const string Description = """
        The 子ども・子育て支援システム of a municipality, to the national 標準仕様書:

        - **Registry** (住基・税 inbound): 世帯 and 住民 (転入・出生・転出・転居), 課税情報 and 税更正, 生活保護・ひとり親 and other welfare periods; the 児童台帳.
        - **認定** (教育・保育給付認定): 申請, 未提出書類, 認定・却下, 延期, 変更, 取消, 取下, 認定証, 現況届, the 3号→2号 change at 満3歳; the work queue with the 30-day limit; 認定基準 versions.
        - **利用調整**: 施設・事業所 with 利用定員 and 空き定員, 利用申込 (きょうだい同時申込 included), 選考 rounds (指数, lottery, heuristic and exact allocation, explanations), what-if simulation, 待機児童; 入所選考基準 versions.
        - **Contracts and fees** (契約・利用者負担額): 利用決定・入所, 異動, 退所, 利用解除; the 利用者負担額 and 副食費 determined month by month, 減免, 保育料試算, fee rule sets; the monthly run.
        - **延長保育**: 申込, 承諾, 契約 (月額・日額), 利用実績, 延長保育料 and its rule sets.
        - **納付管理**: 賦課通知, 調定, 収納 and 収納充当, 口座振替 with 全銀 files, 納付書・コンビニ収納データ, 督促・催告, 延滞金, 分納誓約, 交渉経過, 執行停止, 時効, 出納閉鎖, 不納欠損, 過誤納 (充当・還付), and the reports (収納率, 滞納状況, 時効予定).
        - **Access log and audit**: every read of personal data is recorded (個人情報アクセス記録) and reviewed (findings acknowledged by a supervisor); every record's history shows who recorded each event, when and through which request.
        - **Erasure** (個人情報の消去): 消去請求 and its approval by another supervisor, 保存期間満了 runs, crypto-shredding, the 消去報告書.

        Conventions:

        - Every record is an event stream. A write takes the stream `version` you last read and answers **409** (`rule` `version.conflict`), appending nothing, when the record has moved on; the answer carries the new `version`.
        - Errors are RFC 9457 `application/problem+json`: **400** for a malformed body, route or query value (`errors` names each field by its JSON path, or the parameter), **404** for an id no record has, **409** for a conflict, **422** when a business rule refuses the command, with a stable `rule` code (e.g. `certification.below-minimum-hours`) and a `traceId`; never a stack trace.
        - Every POST takes an optional `Idempotency-Key`: a request retried with the same key runs once and answers again what it answered first (`Idempotent-Replayed: true`).
        - Every GET of personal data must say why in the `X-Purpose` header (1–200 characters; Japanese percent-encoded as UTF-8); it is recorded in the access log, refused or not.
        - A bearer JWT (`./kosodate token`) carries the roles; each operation names its policy and the roles it allows. Requests beyond the rate limit answer 429 with `Retry-After`.
        - Dates are `YYYY-MM-DD` (JST), from 1900-01-01 to 2999-12-31 in routes and queries; money is whole yen; the 年度 runs April to March.
        """;

    public static IServiceCollection AddKosodateOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "KosodateShien API (子ども・子育て支援システム)",
                Version = "v1",
                Description = Description,
            });
            options.CustomSchemaIds(SchemaId);
            // The JSON contract refuses nulls where the type is non-nullable and requires constructor parameters; say so in the schema.
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from `./kosodate token --user NAME --role ROLE`.",
            });
            options.OperationFilter<AuthorizationOperationFilter>();
            options.OperationFilter<FileBodyOperationFilter>();
            options.OperationFilter<RateLimitOperationFilter>();
            options.OperationFilter<IdempotencyKeyOperationFilter>();
            options.OperationFilter<RequiredQueryParametersFilter>();
            options.SchemaFilter<OptionalParametersSchemaFilter>();
            foreach (var assembly in new[] { typeof(Program).Assembly, typeof(Domain.Common.JapaneseDates).Assembly, typeof(Projections.KosodateStore).Assembly })
            {
                var xml = Path.Combine(AppContext.BaseDirectory, assembly.GetName().Name + ".xml");
                if (File.Exists(xml)) options.IncludeXmlComments(xml, includeControllerXmlComments: true);
            }
        });
        return services;
    }

    // Short, stable names: the type name, with the declaring type for nested ones.
    private static string SchemaId(Type type)
    {
        var name = type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`')]}Of{string.Join("And", type.GetGenericArguments().Select(SchemaId))}"
            : type.Name;
        return type.DeclaringType is { } outer ? $"{SchemaId(outer)}.{name}" : name;
    }
}

/// <summary>Documents each operation's bearer requirement, its allowed roles, and its 401/403 answers.</summary>
public sealed class AuthorizationOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any()) return;
        var policy = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiSetup.BearerScheme, context.Document)] = [] });
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid bearer token." });
        operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The token's roles do not allow this operation." });
        if (policy is not null && Auth.Policies.RolesByPolicy.TryGetValue(policy, out var roles))
            operation.Description = $"{operation.Description}\n\nPolicy `{policy}`: roles {string.Join(", ", roles.Select(r => $"`{r}`"))}.".Trim();
        if (policy is not null && Auth.Policies.PersonalDataReads.Contains(policy) && context.ApiDescription.HttpMethod == "GET")
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Audit.AccessLogging.PurposeHeader,
                In = ParameterLocation.Header,
                Required = true,
                Description = "利用目的: why personal data is read (1–200 characters); recorded in the access log (個人情報アクセス記録). Missing: 400.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
            });
        }
    }
}

/// <summary>Documents the file an endpoint marked <see cref="Http.FileBodyAttribute"/> takes as its body.</summary>
public sealed class FileBodyOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Http.FileBodyAttribute>().LastOrDefault() is not { } file) return;
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = file.Description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                [file.ContentType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            },
        };
    }
}

/// <summary>Every documented operation counts against the caller's rate limit (<see cref="Http.RateLimiting"/>).</summary>
public sealed class RateLimitOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        operation.Responses.TryAdd("429", new OpenApiResponse { Description = "Too many requests from this user (or, without a token, this address): wait the `Retry-After` seconds." });
    }
}
