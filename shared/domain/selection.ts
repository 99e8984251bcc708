/**
 * Moves the k-th smallest value of `values[left..right]` to index k, smaller ones before it and larger ones
 * after, and answers it: a median or a percentile without sorting everything. Floyd and Rivest's selection
 * (as in the `quickselect` package and d3-array, here on a Float64Array without a comparator, which is what
 * makes it quick): on a large range it first selects within a small sample around the k-th's expected place,
 * so the pivot lands close to the k-th and each pass discards most of the range; about half the comparisons of
 * a median-of-three quickselect.
 */
export function selectKth(values: Float64Array, k: number, left = 0, right = values.length - 1): number {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const sampleLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const sampleRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      selectKth(values, k, sampleLeft, sampleRight);
    }
    const pivot = values[k]!;
    let i = left;
    let j = right;
    swap(values, left, k);
    if (values[right]! > pivot) swap(values, left, right);
    while (i < j) {
      swap(values, i, j);
      i++;
      j--;
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
    }
    if (values[left] === pivot) swap(values, left, j);
    else {
      j++;
      swap(values, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
  return values[k]!;
}

function swap(values: Float64Array, a: number, b: number): void {
  const t = values[a]!;
  values[a] = values[b]!;
  values[b] = t;
}
