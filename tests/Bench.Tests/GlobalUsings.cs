global using KosodateShien.Bench.Generator;
global using KosodateShien.Domain.Allocation.Engine;
global using Shouldly;
global using Xunit;
