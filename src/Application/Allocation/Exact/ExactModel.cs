using KosodateShien.Domain.Allocation.Engine;
using Google.OrTools.Sat;
// Google.OrTools.LinearSolver defines a LinearExpr too: name the CP-SAT one explicitly.
using SatExpr = Google.OrTools.Sat.LinearExpr;

namespace KosodateShien.Application.Allocation.Exact;

/// <summary>
/// The CP-SAT model of ALLOCATION.md §5.2 over an <see cref="CompiledInstance"/>:
/// <list type="bullet">
/// <item><b>Variables</b>: x[a,p] per household a and option p (the stay option included).</item>
/// <item><b>Assignment</b>: Σ_p x[a,p] ≤ 1, or = 1 for a household holding a seat (its last option is the stay).</item>
/// <item><b>Capacity</b>: per cell, Σ (a's members at the cell in p) · x[a,p] ≤ Capacity.</item>
/// <item><b>Stability</b>: per listed option p of a and cell (d,g) of p, with w the worst key of a's members there and n
/// their number: B = Σ x over other households' entries at (d,g) with a key better than w, need = Capacity − n + 1.
/// When need ≤ 0 the pair (a,p) can never block and is skipped; when B can never reach need the cell is left out;
/// otherwise a bool z with z ⇒ B ≥ need. Then BoolOr(x[a,0..p] ∪ z's): "a gets p or better, or some cell of p is
/// full with better children". z literals are shared between options that ask the same (household, cell, w, need).</item>
/// <item><b>Relaxed</b> (Sun et al. lexicographic variant): each BoolOr also takes β[a,p]; Σβ counts the blocking
/// coalitions (household, option) exactly as the checker does once it is minimised.</item>
/// <item><b>Placements</b>: Σ (children p seats somewhere other than their held seat) · x[a,p], the domain's 内定 count.</item>
/// </list>
/// </summary>
internal sealed class ExactModel
{
    readonly CompiledInstance instance;
    readonly BoolVar[] x;
    readonly List<FullCondition> conditions = [];
    readonly List<StabilityPair> pairs = [];

    public CpModel Model { get; } = new();
    public SatExpr Placements { get; }
    /// <summary>Σβ: the number of blocking coalitions (relaxed model only).</summary>
    public SatExpr? Blocking { get; }

    /// <summary>z: "other households hold at least <c>Need</c> seats at <c>Cell</c> with keys better than <c>Worst</c>".</summary>
    readonly record struct FullCondition(BoolVar Literal, int Household, int Cell, int Worst, int Need);

    /// <summary>The stability clause of (household, listed option): its z's (indices into conditions) and β when relaxed.</summary>
    readonly record struct StabilityPair(int Household, int Option, int[] Conditions, BoolVar? Beta);

    ExactModel(CompiledInstance instance, bool relaxed)
    {
        this.instance = instance;
        x = new BoolVar[instance.TotalOptions];
        for (var o = 0; o < x.Length; o++) x[o] = Model.NewBoolVar("");

        AddAssignment();
        var cells = CellEntries.Of(instance);
        AddCapacity(cells);
        AddStability(cells, relaxed);

        var placements = SatExpr.NewBuilder(x.Length);
        for (var o = 0; o < x.Length; o++)
        {
            var placed = instance.Placed(o);
            if (placed > 0) placements.AddTerm(x[o], placed);
        }
        Placements = placements;
        if (relaxed)
        {
            var blocking = SatExpr.NewBuilder(pairs.Count);
            foreach (var pair in pairs) blocking.Add(pair.Beta!);
            Blocking = blocking;
        }
    }

    public static ExactModel Build(CompiledInstance instance, bool relaxed) => new(instance, relaxed);

    public int VariableCount => Model.Model.Variables.Count;
    public int ConstraintCount => Model.Model.Constraints.Count;

    void AddAssignment()
    {
        for (var h = 0; h < instance.HouseholdCount; h++)
        {
            var options = x[instance.OptionStart[h]..instance.OptionStart[h + 1]];
            if (instance.HasStayOption(h)) Model.AddExactlyOne(options);
            else if (options.Length > 1) Model.AddAtMostOne(options);
        }
    }

    void AddCapacity(CellEntries cells)
    {
        var perOption = new Dictionary<int, int>();
        var perHousehold = new Dictionary<int, int>();
        for (var cell = 0; cell < instance.CellCount; cell++)
        {
            perOption.Clear();
            perHousehold.Clear();
            foreach (var (_, option) in cells.At(cell))
                perOption[option] = perOption.GetValueOrDefault(option) + 1;
            foreach (var (option, count) in perOption)
            {
                var h = cells.HouseholdOf(option);
                perHousehold[h] = Math.Max(perHousehold.GetValueOrDefault(h), count);
            }
            if (perHousehold.Values.Sum() <= instance.Capacity[cell]) continue;
            var load = SatExpr.NewBuilder(perOption.Count);
            foreach (var (option, count) in perOption) load.AddTerm(x[option], count);
            Model.Add(load <= instance.Capacity[cell]);
        }
    }

    void AddStability(CellEntries cells, bool relaxed)
    {
        var cache = new Dictionary<(int Household, int Cell, int Worst, int Need), int>();
        var coefficient = new int[instance.TotalOptions];
        var householdMax = new int[instance.HouseholdCount];
        var touched = new List<int>();
        var clause = new List<ILiteral>();
        var clauseConditions = new List<int>();

        for (var h = 0; h < instance.HouseholdCount; h++)
        {
            for (var p = 0; p < instance.ListedOptions[h]; p++)
            {
                var o = instance.OptionStart[h] + p;
                clauseConditions.Clear();
                var canBlock = true;
                int e = instance.EntryStart[o], end = instance.EntryStart[o + 1];
                while (e < end)
                {
                    var cell = instance.EntryCell[e];
                    var groupEnd = e + 1;
                    while (groupEnd < end && instance.EntryCell[groupEnd] == cell) groupEnd++;
                    var worst = 0;
                    for (var k = e; k < groupEnd; k++) worst = Math.Max(worst, instance.Key(instance.EntryChild[k], cell));
                    var need = instance.Capacity[cell] - (groupEnd - e) + 1;
                    e = groupEnd;
                    if (need <= 0)
                    {
                        canBlock = false;
                        break;
                    }
                    if (!cache.TryGetValue((h, cell, worst, need), out var condition))
                    {
                        condition = AddFullCondition(cells, h, cell, worst, need, coefficient, householdMax, touched);
                        cache.Add((h, cell, worst, need), condition);
                    }
                    if (condition >= 0) clauseConditions.Add(condition);
                }
                if (!canBlock) continue;

                clause.Clear();
                for (var better = 0; better <= p; better++) clause.Add(x[instance.OptionStart[h] + better]);
                foreach (var condition in clauseConditions) clause.Add(conditions[condition].Literal);
                BoolVar? beta = null;
                if (relaxed)
                {
                    beta = Model.NewBoolVar("");
                    clause.Add(beta);
                }
                Model.AddBoolOr(clause);
                pairs.Add(new StabilityPair(h, p, [.. clauseConditions], beta));
            }
        }
    }

    /// <summary>The z of (household, cell, worst key, need), or -1 when other households can never fill the cell that far.</summary>
    int AddFullCondition(CellEntries cells, int household, int cell, int worst, int need, int[] coefficient, int[] householdMax, List<int> touched)
    {
        touched.Clear();
        foreach (var (key, option) in cells.At(cell))
        {
            if (key >= worst) break;
            if (cells.HouseholdOf(option) == household) continue;
            if (coefficient[option]++ == 0) touched.Add(option);
        }
        var reachable = 0;
        foreach (var option in touched)
        {
            var h = cells.HouseholdOf(option);
            if (coefficient[option] > householdMax[h])
            {
                reachable += coefficient[option] - householdMax[h];
                householdMax[h] = coefficient[option];
            }
        }

        var index = -1;
        if (reachable >= need)
        {
            var better = SatExpr.NewBuilder(touched.Count);
            foreach (var option in touched) better.AddTerm(x[option], coefficient[option]);
            var z = Model.NewBoolVar("");
            Model.Add(better >= need).OnlyEnforceIf(z);
            index = conditions.Count;
            conditions.Add(new FullCondition(z, household, cell, worst, need));
        }
        foreach (var option in touched)
        {
            coefficient[option] = 0;
            householdMax[cells.HouseholdOf(option)] = 0;
        }
        return index;
    }

    /// <summary>Hints every variable from an assignment (household number → local option or -1): x, then z and β as the assignment implies.</summary>
    public void Hint(int[] assignment)
    {
        Model.ClearHints();
        for (var h = 0; h < instance.HouseholdCount; h++)
            for (var p = 0; p < instance.OptionCount(h); p++)
                Model.AddHint(x[instance.OptionStart[h] + p], assignment[h] == p);

        var occupants = Occupants(assignment);
        var full = new bool[conditions.Count];
        for (var i = 0; i < conditions.Count; i++)
        {
            var c = conditions[i];
            var better = 0;
            foreach (var (key, h) in occupants[c.Cell])
                if (key < c.Worst && h != c.Household) better++;
            full[i] = better >= c.Need;
            Model.AddHint(c.Literal, full[i]);
        }
        foreach (var pair in pairs)
        {
            if (pair.Beta is null) continue;
            var satisfied = assignment[pair.Household] >= 0 && assignment[pair.Household] <= pair.Option;
            foreach (var condition in pair.Conditions) satisfied |= full[condition];
            Model.AddHint(pair.Beta, !satisfied);
        }
    }

    /// <summary>The solver's assignment: household number → local option, or -1.</summary>
    public int[] Read(CpSolver solver)
    {
        var assignment = new int[instance.HouseholdCount];
        for (var h = 0; h < instance.HouseholdCount; h++)
        {
            assignment[h] = -1;
            for (var p = 0; p < instance.OptionCount(h); p++)
                if (solver.BooleanValue(x[instance.OptionStart[h] + p])) assignment[h] = p;
        }
        return assignment;
    }

    List<(int Key, int Household)>[] Occupants(int[] assignment)
    {
        var occupants = new List<(int, int)>[instance.CellCount];
        for (var cell = 0; cell < occupants.Length; cell++) occupants[cell] = [];
        for (var h = 0; h < instance.HouseholdCount; h++)
        {
            if (assignment[h] < 0) continue;
            var o = instance.OptionStart[h] + assignment[h];
            for (var e = instance.EntryStart[o]; e < instance.EntryStart[o + 1]; e++)
                occupants[instance.EntryCell[e]].Add((instance.Key(instance.EntryChild[e], instance.EntryCell[e]), h));
        }
        return occupants;
    }

    /// <summary>Per cell, every (member key, option) that would seat a child there, best key first.</summary>
    sealed class CellEntries
    {
        readonly int[] start;
        readonly (int Key, int Option)[] entries;
        readonly int[] optionHousehold;

        CellEntries(int[] start, (int, int)[] entries, int[] optionHousehold)
        {
            this.start = start;
            this.entries = entries;
            this.optionHousehold = optionHousehold;
        }

        public ReadOnlySpan<(int Key, int Option)> At(int cell) => entries.AsSpan(start[cell], start[cell + 1] - start[cell]);

        public int HouseholdOf(int option) => optionHousehold[option];

        public static CellEntries Of(CompiledInstance instance)
        {
            var optionHousehold = new int[instance.TotalOptions];
            for (var h = 0; h < instance.HouseholdCount; h++)
                for (var o = instance.OptionStart[h]; o < instance.OptionStart[h + 1]; o++) optionHousehold[o] = h;

            var start = new int[instance.CellCount + 1];
            foreach (var cell in instance.EntryCell) start[cell + 1]++;
            for (var cell = 0; cell < instance.CellCount; cell++) start[cell + 1] += start[cell];
            var fill = (int[])start.Clone();
            var entries = new (int Key, int Option)[instance.EntryCell.Length];
            for (var o = 0; o < instance.TotalOptions; o++)
                for (var e = instance.EntryStart[o]; e < instance.EntryStart[o + 1]; e++)
                {
                    var cell = instance.EntryCell[e];
                    entries[fill[cell]++] = (instance.Key(instance.EntryChild[e], cell), o);
                }
            for (var cell = 0; cell < instance.CellCount; cell++)
                Array.Sort(entries, start[cell], start[cell + 1] - start[cell]);
            return new CellEntries(start, entries, optionHousehold);
        }
    }
}
