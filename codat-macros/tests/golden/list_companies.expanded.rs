impl ConnectionManagement<'_> {
    pub async fn list(
        self,
        page: Option<i32>,
        page_size: Option<i32>,
        query: Option<&str>,
        order_by: Option<&str>,
        tags: Option<&str>,
    ) -> Result<Companies, Error> {
        use ::codat_client::__private_0_1 as __codat;
        const OPERATION: __codat::Operation = __codat::Operation {
            name: "list",
            product: ::core::env!("CARGO_PKG_NAME"),
            module: ::core::module_path!(),
            method: __codat::Method::Get,
            template: "/companies",
            path: &[__codat::PathPart::Literal("/companies")],
            errors: &[400, 401, 402, 403, 404, 429, 500, 503],
            query: &["page", "pageSize", "query", "orderBy", "tags"],
            ..__codat::Operation::DEFAULTS
        };
        __codat::inventory::submit!(__codat::Declared(& OPERATION));
        let request = __codat::Request::new(&OPERATION, &[])
            .query("page", &page)
            .query("pageSize", &page_size)
            .query("query", &query)
            .query("orderBy", &order_by)
            .query("tags", &tags);
        __codat::execute(__codat::Resource::codat(&self), request)
            .await
            .map_err(::core::convert::Into::into)
    }
}
