namespace RiskRadar.Analytics.Kernels;

/// <summary>
/// In-place selection (nth_element): after <see cref="Select"/> the k-th smallest value sits at index k,
/// everything before it is ≤ and everything after it is ≥. Expected O(n), no allocation.
/// </summary>
public static class Selection
{
    private const int InsertionSortThreshold = 16;

    public static double Select(Span<double> values, int k)
    {
        if ((uint)k >= (uint)values.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"Index must lie in [0, {values.Length}).");
        }

        int left = 0;
        int right = values.Length - 1;
        while (right - left > InsertionSortThreshold)
        {
            // Median of three keeps sorted and reverse-sorted P&L (common for replayed histories) linear.
            int mid = left + ((right - left) >> 1);
            SortThree(values, left, mid, right);
            double pivot = values[mid];
            int i = left;
            int j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return values[k];
            }
        }

        InsertionSort(values.Slice(left, right - left + 1));
        return values[k];
    }

    private static void SortThree(Span<double> v, int a, int b, int c)
    {
        if (v[b] < v[a])
        {
            (v[a], v[b]) = (v[b], v[a]);
        }

        if (v[c] < v[b])
        {
            (v[b], v[c]) = (v[c], v[b]);
            if (v[b] < v[a])
            {
                (v[a], v[b]) = (v[b], v[a]);
            }
        }
    }

    private static void InsertionSort(Span<double> v)
    {
        for (int i = 1; i < v.Length; i++)
        {
            double x = v[i];
            int j = i - 1;
            while (j >= 0 && v[j] > x)
            {
                v[j + 1] = v[j];
                j--;
            }

            v[j + 1] = x;
        }
    }
}
