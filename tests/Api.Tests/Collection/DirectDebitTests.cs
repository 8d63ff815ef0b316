using System.Text.Json;
using KosodateShien.Application.Collection.DirectDebit;
using KosodateShien.Application.Common;
using KosodateShien.Domain.Collection.DirectDebit;
using KosodateShien.Domain.Common;
using KosodateShien.Projections.Privacy;
using Marten;
using Npgsql;

namespace KosodateShien.Api.Tests.Collection;

/// <summary>口座振替 through the API on real PostgreSQL: 依頼書, the 全銀 request file, the bank's answer with every result code, faulty files refused whole.</summary>
public sealed class DirectDebitTests(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly DateOnly DebitDate = new(2027, 1, 27);

    private async Task<(Guid Payer, Guid Mandate, string CustomerNumber)> Mandated(string holderKana = "ホゴシャ　ハナコ", string startMonth = "2027-01")
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var created = await Api.PostJson($"/api/payers/{family.MotherId}/direct-debit-mandates", new
        {
            appliedOn = new DateOnly(2026, 12, 10),
            startMonth,
            account = new { bankCode = "0005", branchCode = "123", type = "ordinary", number = "12345", holderKana },
        }, 201, ApiClient.Finance);
        return (family.MotherId, created.GetProperty("id").GetGuid(), created.GetProperty("customerNumber").GetString()!);
    }

    private async Task<(Guid Id, DebitFile File)> Exported(DateOnly debitDate)
    {
        var export = await Api.PostJson("/api/direct-debit/exports", new { debitDate }, 201, ApiClient.Finance);
        var bytes = await Api.GetBytes(export.GetProperty("file").GetString()!);
        // The hash made with the request (from the accounts opened then) is the downloaded file's.
        DirectDebitExport.Hash(bytes).ShouldBe(export.GetProperty("sha256").GetString());
        return (export.GetProperty("id").GetGuid(), DebitFile.Parse(bytes, withResults: false));
    }

    private static byte[] Answer(DebitFile request, IReadOnlyDictionary<string, DebitResultCode> codes) =>
        (request with
        {
            WithResults = true,
            Records = [.. request.Records.Select(r => r with { ResultCode = codes.GetValueOrDefault(r.CustomerNumber, DebitResultCode.Debited) })],
        }).ToBytes();

    [Fact]
    public async Task a_mandate_keeps_the_account_in_bank_kana_and_a_name_in_kanji_or_a_bad_month_is_refused_by_field()
    {
        var (payer, mandate, customerNumber) = await Mandated();
        customerNumber.Length.ShouldBe(20);
        var view = await Api.GetJson($"/api/direct-debit-mandates/{mandate}", ApiClient.Finance);
        (view.GetProperty("account").GetProperty("holderKana").GetString(), view.GetProperty("account").GetProperty("number").GetString())
            .ShouldBe(("ﾎｺﾞｼﾔ ﾊﾅｺ", "0012345"));

        var kanji = ApiClient.Json(await Api.Post($"/api/payers/{payer}/direct-debit-mandates", new
        {
            appliedOn = new DateOnly(2026, 12, 10), startMonth = "2027-02",
            account = new { bankCode = "0005", branchCode = "123", type = "ordinary", number = "1", holderKana = "保護者花子" },
        }, 422, ApiClient.Finance));
        kanji.GetProperty("errors").TryGetProperty("account.holderKana", out _).ShouldBeTrue();
        var month = ApiClient.Json(await Api.Post($"/api/payers/{payer}/direct-debit-mandates", new
        {
            appliedOn = new DateOnly(2026, 12, 10), startMonth = "2027-13",
            account = new { bankCode = "0005", branchCode = "123", type = "ordinary", number = "1", holderKana = "ハナコ" },
        }, 400, ApiClient.Finance));
        month.GetProperty("errors").TryGetProperty("startMonth", out _).ShouldBeTrue();

        // A new 依頼書 from March ends the running one with February (口座変更).
        await Api.PostJson($"/api/payers/{payer}/direct-debit-mandates", new
        {
            appliedOn = new DateOnly(2027, 1, 10), startMonth = "2027-03",
            account = new { bankCode = "0009", branchCode = "001", type = "ordinary", number = "7654321", holderKana = "ホゴシャ　ハナコ" },
        }, 201, ApiClient.Finance);
        var list = (await Api.GetJson($"/api/payers/{payer}/direct-debit-mandates", ApiClient.Finance)).EnumerateArray().ToList();
        list.Select(m => (m.GetProperty("startMonth").GetString(), m.GetProperty("endMonth").GetString())).ShouldBe([("2027-03-01", null), ("2027-01-01", "2027-02-01")]);
    }

    [Fact]
    public async Task the_round_trip_turns_every_result_code_into_payments_or_failures_and_ends_mandates_the_bank_says_are_gone()
    {
        var codes = Enum.GetValues<DebitResultCode>();
        var payers = new List<(Guid Payer, Guid Mandate, string CustomerNumber, Guid Charge)>();
        foreach (var _ in codes)
        {
            var (payer, mandate, number) = await Mandated();
            payers.Add((payer, mandate, number, await Api.Charged(payer, "2027-01", 20_000)));
        }
        var unmandated = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var slipCharge = await Api.Charged(unmandated.MotherId, "2027-01", 20_000);

        var (exportId, request) = await Exported(DebitDate);
        request.Records.Count.ShouldBe(10);
        request.Records.Sum(r => r.Amount).ShouldBe(200_000);
        request.Records.ShouldAllBe(r => r.Account.HolderKana == "ﾎｺﾞｼﾔ ﾊﾅｺ" && r.NewCode == 1);
        // Nothing is drawn twice while the bank has the request.
        ApiClient.Json(await Api.Post("/api/direct-debit/exports", new { debitDate = DebitDate }, 422, ApiClient.Finance))
            .GetProperty("rule").GetString().ShouldBe("direct-debit.nothing-to-draw");

        Clock.Today = new DateOnly(2027, 2, 1);
        var answer = Answer(request, payers.Zip(codes).ToDictionary(p => p.First.CustomerNumber, p => p.Second));
        var summary = ApiClient.Json(await Api.PostFile("/api/direct-debit/results?bookedOn=2027-01-29", answer, 200));
        (summary.GetProperty("debitedCount").GetInt32(), summary.GetProperty("debitedAmount").GetInt64(), summary.GetProperty("failedCount").GetInt32(),
            summary.GetProperty("failedAmount").GetInt64(), summary.GetProperty("mandatesEnded").GetInt32()).ShouldBe((1, 20_000L, 9, 180_000L, 3));

        foreach (var ((payer, mandate, _, charge), code) in payers.Zip(codes))
        {
            var view = await Api.GetJson($"/api/charges/{charge}", ApiClient.Finance);
            view.GetProperty("outstanding").GetInt64().ShouldBe(code == DebitResultCode.Debited ? 0 : 20_000, $"code {code}");
            view.GetProperty("debitFailures").EnumerateArray().Select(f => f.GetProperty("resultCode").GetString()).ShouldBe(
                code == DebitResultCode.Debited ? [] : [JsonNamingPolicy.CamelCase.ConvertName(code.ToString())]);
            var labels = (await Api.GetJson($"/api/charges/{charge}/history", ApiClient.Auditor)).EnumerateArray().Select(e => e.GetProperty("label").GetString()).ToList();
            // Written in bulk: the snapshot's version is the stream's, one event after the 調定.
            (labels.Count, view.GetProperty("version").GetInt32()).ShouldBe((2, 2));
            labels.Last().ShouldBe(code == DebitResultCode.Debited ? "収納 2027-01-27: 20,000円" : $"振替不能 2027-01-27: 20,000円 ({(int)code} {code.Reason()})");
            var ended = (await Api.GetJson($"/api/direct-debit-mandates/{mandate}", ApiClient.Finance)).GetProperty("endMonth");
            (ended.ValueKind == JsonValueKind.String).ShouldBe(code.EndsMandate(), $"code {code}");
        }
        var paid = await Api.GetJson($"/api/charges/{payers[0].Charge}", ApiClient.Finance);
        paid.GetProperty("payments")[0].GetProperty("channel").GetString().ShouldBe("directDebit");
        paid.GetProperty("payments")[0].GetProperty("bookedOn").GetString().ShouldBe("2027-01-29");
        (await Api.GetJson($"/api/charges/{slipCharge}", ApiClient.Finance)).GetProperty("outstanding").GetInt64().ShouldBe(20_000);
        var exported = await Api.GetJson($"/api/direct-debit/exports/{exportId}", ApiClient.Finance);
        exported.GetProperty("results").GetProperty("results").GetArrayLength().ShouldBe(10);

        // The same answer again is refused; nothing is paid twice.
        ApiClient.Json(await Api.PostFile("/api/direct-debit/results", answer, 422)).GetProperty("rule").GetString().ShouldBe("direct-debit.results-imported");

        // Next month: 再振替 of January with February for the mandates still running (資金不足 and the other failures that keep the mandate).
        await Api.Charged(payers[1].Payer, "2027-02", 20_000);
        var (_, february) = await Exported(new DateOnly(2027, 2, 26));
        var stillRunning = payers.Zip(codes).Where(p => p.Second != DebitResultCode.Debited && !p.Second.EndsMandate()).Select(p => p.First.CustomerNumber).ToList();
        february.Records.Select(r => r.CustomerNumber).Order().ShouldBe(stillRunning.Order());
        february.Records.Single(r => r.CustomerNumber == payers[1].CustomerNumber).Amount.ShouldBe(40_000);
    }

    [Fact]
    public async Task a_paused_mandate_draws_nothing_in_its_pause_and_again_after_the_resumption()
    {
        var (payer, mandate, customerNumber) = await Mandated();
        var (other, _, _) = await Mandated("サトウ　タロウ");
        await Api.Charged(payer, "2027-01", 20_000);
        await Api.Charged(other, "2027-01", 15_000);
        var paused = await Api.PostJson($"/api/direct-debit-mandates/{mandate}/pause",
            new { fromMonth = "2027-01", toMonth = (string?)null, requestedOn = new DateOnly(2027, 1, 10), reason = "一時停止の申出", version = 1 }, 200, ApiClient.Finance);

        var (_, january) = await Exported(DebitDate);
        january.Records.ShouldNotContain(r => r.CustomerNumber == customerNumber);
        // A stale version is refused.
        await Api.Post($"/api/direct-debit-mandates/{mandate}/pause", new { fromMonth = "2027-02", requestedOn = new DateOnly(2027, 1, 10), reason = "x", version = 1 }, 409,
            ApiClient.Finance);

        await Api.PostJson($"/api/direct-debit-mandates/{mandate}/resumption", new { fromMonth = "2027-02", resumedOn = new DateOnly(2027, 1, 12), version = 2 }, 200,
            ApiClient.Finance);
        await Api.Charged(payer, "2027-02", 20_000);
        Clock.Today = new DateOnly(2027, 2, 1);
        var february = DebitFile.Parse(await Api.GetBytes((await Api.PostJson("/api/direct-debit/exports", new { debitDate = new DateOnly(2027, 2, 26) }, 201,
            ApiClient.Finance)).GetProperty("file").GetString()!), withResults: false);
        // February draws February only: January fell in the 停止期間, so it is paid by 納付書.
        february.Records.Single(r => r.CustomerNumber == customerNumber).Amount.ShouldBe(20_000);
        var labels = (await Api.GetJson($"/api/direct-debit-mandates/{mandate}/history", ApiClient.Auditor)).EnumerateArray()
            .Select(e => e.GetProperty("label").GetString()).ToList();
        labels.ShouldBe([$"口座振替申込 2026-12-10: 2027-01〜 (顧客番号 {customerNumber})", "口座振替一時停止 2027-01〜 (一時停止の申出)", "口座振替停止解除 2027-02〜"]);
        paused.GetProperty("pauses").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task a_mandate_for_some_subjects_draws_only_those_and_never_fees_billed_by_slip()
    {
        var family = await Api.RegisteredFamily(new DateOnly(2025, 6, 20));
        var created = await Api.PostJson($"/api/payers/{family.MotherId}/direct-debit-mandates", new
        {
            appliedOn = new DateOnly(2026, 12, 10), startMonth = "2027-01", subjects = new[] { "sideDish" },
            account = new { bankCode = "0005", branchCode = "123", type = "ordinary", number = "12345", holderKana = "ホゴシャ　ハナコ" },
        }, 201, ApiClient.Finance);
        await Api.Charged(family.MotherId, "2027-01", 20_000);
        await Api.Charged(family.MotherId, "2027-01", 4_500, "sideDish");

        var (_, request) = await Exported(DebitDate);
        request.Records.ShouldHaveSingleItem().Amount.ShouldBe(4_500);
        var refused = ApiClient.Json(await Api.Post($"/api/payers/{family.MotherId}/direct-debit-mandates", new
        {
            appliedOn = new DateOnly(2026, 12, 10), startMonth = "2027-02", subjects = new[] { "lateFee" },
            account = new { bankCode = "0005", branchCode = "123", type = "ordinary", number = "12345", holderKana = "ホゴシャ　ハナコ" },
        }, 422, ApiClient.Finance));
        refused.GetProperty("errors").TryGetProperty("subjects", out _).ShouldBeTrue();
        (await Api.GetJson($"/api/direct-debit-mandates/{created.GetProperty("id").GetGuid()}", ApiClient.Finance)).GetProperty("subjects")[0].GetString().ShouldBe("sideDish");
    }

    [Fact]
    public async Task the_service_configuration_lets_imports_write_charges_and_ended_mandates_in_bulk()
    {
        (await SnapshotBulkAppender<Domain.Collection.Charge>.For(Store, Application.Collection.ChargeAppends.Spec, CancellationToken.None)).ShouldNotBeNull();
        (await SnapshotBulkAppender<DirectDebitMandate>.For(Store, DirectDebitResults.MandateSpec, CancellationToken.None)).ShouldNotBeNull();
    }

    [Fact]
    public async Task the_end_of_a_mandate_is_written_in_bulk_as_marten_writes_it_with_the_account_left_sealed()
    {
        var (_, mandateId, customerNumber) = await Mandated();
        // A twin of the 口座振替 under another id and 顧客番号, written through Marten as the original was.
        var (twin, twinNumber) = (Guid.NewGuid(), "9" + customerNumber[1..]);
        await using (var session = Store.LightweightSession())
        {
            var registered = (DirectDebitMandateRegistered)(await session.Events.FetchStreamAsync(mandateId)).Single().Data;
            session.Events.StartStream<DirectDebitMandate>(twin, registered with { MandateId = twin, CustomerNumber = twinNumber });
            await session.SaveChangesAsync();
        }

        DirectDebitMandateEnded End(DirectDebitMandate mandate) => mandate.End(new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 1), "振替不能", DebitResultCode.NoAccount);
        await using (var bulk = Session())
        using (PersonalDataJson.KeepSealed())
        {
            var mandate = (await bulk.LoadAsync<DirectDebitMandate>(mandateId))!;
            mandate.Account.Number.ShouldStartWith("pd1:", Case.Sensitive, "read as stored, not opened");
            (await SnapshotBulkAppender<DirectDebitMandate>.For(Store, DirectDebitResults.MandateSpec, CancellationToken.None))!.Queue(bulk,
                [(mandate, mandate.Version, [End(mandate)])]);
            await bulk.SaveChangesAsync();
        }
        await using (var marten = Session())
        {
            marten.Events.Append(twin, 2, End((await marten.LoadAsync<DirectDebitMandate>(twin))!));
            await marten.SaveChangesAsync();
        }

        (await Rows(mandateId, "mt_doc_directdebitmandate")).ShouldBe(await Rows(twin, "mt_doc_directdebitmandate", (twin, mandateId), (twinNumber, customerNumber)));
        var view = await Api.GetJson($"/api/direct-debit-mandates/{mandateId}", ApiClient.Finance);
        view.GetProperty("account").GetProperty("number").GetString().ShouldBe("0012345");
        view.GetProperty("endMonth").GetString().ShouldBe("2027-01-01");
    }

    [Fact]
    public async Task an_imports_payments_are_written_chunk_by_chunk_as_marten_writes_them()
    {
        var (payer, _, _) = await Mandated();
        Guid[] charges = [await Api.Charged(payer, "2027-01", 20_000), await Api.Charged(payer, "2027-02", 20_000), await Api.Charged(payer, "2027-03", 20_000)];
        // The same events both ways (a payment's id is made when it is received).
        var appended = new Dictionary<Guid, IReadOnlyList<object>>();
        IReadOnlyList<object> Events(Domain.Collection.Charge charge) => appended.TryGetValue(charge.Id, out var events) ? events : appended[charge.Id] =
            charge.Month.Month == 2
                ? [new DirectDebitFailed(charge.Id, Guid.Empty, DebitDate, DebitResultCode.InsufficientFunds, "資金不足", 20_000)]
                : [charge.Receive(20_000, DebitDate, DebitDate, Domain.Collection.PaymentChannel.DirectDebit)];

        // In bulk, two streams a chunk, then rolled back: the rows as written in the transaction.
        var bulkRows = new List<IReadOnlyList<string>>();
        await using (var bulk = Session())
        {
            await bulk.BeginTransactionAsync(CancellationToken.None);
            var read = await bulk.LoadManyAsync<Domain.Collection.Charge>(charges);
            await (await SnapshotBulkAppender<Domain.Collection.Charge>.For(Store, Application.Collection.ChargeAppends.Spec, CancellationToken.None))!
                .WriteAsync(bulk, [.. read.Select(c => (c, (long)c.Version, Events(c)))], CancellationToken.None, streamsPerChunk: 2);
            foreach (var id in charges) bulkRows.Add(await Rows(bulk.Connection!, id, "mt_doc_charge"));
        }
        await using (var marten = Session())
        {
            foreach (var charge in await marten.LoadManyAsync<Domain.Collection.Charge>(charges))
                marten.Events.Append(charge.Id, charge.Version + 1, [.. Events(charge)]);
            await marten.SaveChangesAsync();
        }
        foreach (var (id, rows) in charges.Zip(bulkRows)) (await Rows(id, "mt_doc_charge")).ShouldBe(rows);
    }

    [Fact]
    public async Task a_request_answered_while_the_import_runs_is_a_conflict_and_nothing_is_paid()
    {
        var (payer, _, _) = await Mandated();
        var charge = await Api.Charged(payer, "2027-01", 20_000);
        var (exportId, request) = await Exported(DebitDate);
        Clock.Today = new DateOnly(2027, 2, 1);

        // Another import holds the request's stream row, and answers it while this one waits to write its results. The two
        // deadlock (each waits on a row the other wrote); the other checks for it only after a minute, so the import, which
        // checks after PostgreSQL's second, is always the one that gives way.
        await using var other = Session();
        await other.BeginTransactionAsync(CancellationToken.None);
        await using (var patient = new NpgsqlCommand("set local deadlock_timeout = '60s'", other.Connection)) await patient.ExecuteNonQueryAsync();
        await using (var command = new NpgsqlCommand($"select version from {Store.Options.Events.DatabaseSchemaName}.mt_streams where id = $1 for update", other.Connection))
        {
            command.Parameters.AddWithValue(exportId);
            await command.ExecuteScalarAsync();
        }
        var import = Api.PostFile("/api/direct-debit/results", Answer(request, new Dictionary<string, DebitResultCode>()), 409);
        await WaitForALockWaitAsync();
        other.Events.Append(exportId, 2, new DirectDebitResultsImported(exportId, Clock.Today, DebitDate, "other", 0, 0, 1, 20_000,
            [new DebitLineResult(2, request.Records[0].CustomerNumber, 20_000, DebitResultCode.InsufficientFunds)]));
        await other.SaveChangesAsync();

        var conflict = ApiClient.Json(await import);
        conflict.GetProperty("rule").GetString().ShouldBe("version.conflict");
        // The deadlock's own answer: the import was not replayed in a fresh transaction without its locks (KosodateStore).
        conflict.GetProperty("detail").GetString().ShouldStartWith("Another request changed the same records at the same moment");
        (await Api.GetJson($"/api/charges/{charge}", ApiClient.Finance)).GetProperty("outstanding").GetInt64().ShouldBe(20_000);
    }

    [Fact]
    public async Task texts_read_while_kept_sealed_are_written_back_as_stored_and_an_erased_subjects_still_read_as_erased()
    {
        var (payer, mandateId, _) = await Mandated();
        var stored = await Scalar($"select data -> 'account' ->> 'holderKana' from {Store.Options.DatabaseSchemaName}.mt_doc_directdebitmandate where id = $1", mandateId);
        await using (var session = Session())
        using (PersonalDataJson.KeepSealed())
        {
            var mandate = (await session.LoadAsync<DirectDebitMandate>(mandateId))!;
            mandate.Account.HolderKana.ShouldBe(stored);
            stored.ShouldStartWith("pd1:", Case.Sensitive);
            Store.Options.Serializer().ToJson(mandate).ShouldContain(stored, Case.Sensitive, "written back as it is, not sealed again");
        }
        await using (var session = Session())
            (await session.LoadAsync<DirectDebitMandate>(mandateId))!.Account.HolderKana.ShouldBe("ﾎｺﾞｼﾔ ﾊﾅｺ", "opened again outside the scope");

        await Store.PersonalDataKeys().ShredAsync(payer, Guid.NewGuid(), CancellationToken.None);
        await using (var session = Session())
        using (PersonalDataJson.KeepSealed())
            (await session.LoadAsync<DirectDebitMandate>(mandateId))!.Account.HolderKana.ShouldBe(PersonalData.Erased);
    }

    private IDocumentSession Session()
    {
        var session = Store.LightweightSession();
        (session.LastModifiedBy, session.CorrelationId, session.CausationId) = ("test-finance", "run-42", "cause-7");
        return session;
    }

    /// <summary>A stream's events, stream row and snapshot as text, without surrogate keys and clock readings; a twin's ids as the original's.</summary>
    private async Task<IReadOnlyList<string>> Rows(Guid id, string documentTable, params (object Twin, object Original)[] same)
    {
        await using var connection = await OpenAsync();
        return await Rows(connection, id, documentTable, same);
    }

    private async Task<IReadOnlyList<string>> Rows(NpgsqlConnection connection, Guid id, string documentTable, params (object Twin, object Original)[] same)
    {
        var schema = Store.Options.Events.DatabaseSchemaName;
        await using var command = new NpgsqlCommand($"""
            select concat_ws('|', 'event', version, type, mt_dotnet_type, data::text, tenant_id, is_archived, user_name, correlation_id, causation_id, headers::text,
                             bdata is null)
            from {schema}.mt_events where stream_id = $1 and version > 1
            union all
            select concat_ws('|', 'stream', type, version, tenant_id, is_archived, compacted_version) from {schema}.mt_streams where id = $1
            union all
            select concat_ws('|', 'document', data::text, mt_version, mt_dotnet_type) from {Store.Options.DatabaseSchemaName}.{documentTable} where id = $1
            order by 1
            """, connection);
        command.Parameters.AddWithValue(id);
        var rows = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) rows.Add(same.Aggregate(reader.GetString(0), (row, ids) => row.Replace(ids.Twin.ToString()!, ids.Original.ToString())));
        return rows;
    }

    private async Task<string> Scalar(string sql, Guid id)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(id);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task WaitForALockWaitAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'", connection);
        for (var tries = 0; (long)(await command.ExecuteScalarAsync())! == 0; tries++)
        {
            if (tries > 300) throw new TimeoutException("The import never waited for the request's row.");
            await Task.Delay(50);
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        return connection;
    }
}
